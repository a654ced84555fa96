import { defineMessages } from '../define';

/** Messages of the report and track pages (owned by that feature; English and Spanish side by side). */
export const report = defineMessages({
  en: {
    'report.title': 'Report a problem',
    'report.steps': 'Steps',
    'report.stepOf': 'Step {n} of {total}',
    'report.stepDone': 'done',
    'report.step1': 'What is the problem?',
    'report.step2': 'Tell us more',
    'report.step3': 'Where is it?',
    'report.step4': 'Contact and a last check',
    'report.back': 'Back',
    'report.continue': 'Continue',
    'report.send': 'Send the report',
    'report.sending': 'Sending…',
    'report.draft.restored':
      'We kept the report you started (last saved {when}). Carry on where you left off.',
    'report.draft.discard': 'Start over with an empty report',

    'report.service.search': 'Describe the problem in a few words',
    'report.service.searchHint':
      'For example “light out”, “rats” or “pothole”. Spanish works too: “bache”, “ratas”, “luz”.',
    'report.service.group': 'Or browse a group of services',
    'report.service.allGroups': 'All groups',
    'report.service.choose': 'Choose the service',
    'report.service.prompt': 'Type a few words or pick a group to see the services.',
    'report.service.count': {
      zero: 'No service matches.',
      one: '1 service matches.',
      other: '{count} services match.',
    },
    'report.service.noneHelp':
      'Try other words (“trash”, “tree”, “water”) or pick a group. You can also call 311.',
    'report.service.chosen': 'Chosen: {name}',

    'report.details.for': 'Questions about “{name}”.',
    'report.details.description': 'Describe the problem',
    'report.details.descriptionHint':
      'What you see, how big it is, anything that helps the crew find it. This is shown publicly: do not write personal details.',
    'report.q.choose': 'Choose…',
    'report.q.several': 'Choose all that apply.',

    'report.photo.label': 'Photos',
    'report.photo.hint':
      'JPEG, PNG, WebP or HEIC, up to 10 MB each, up to {max} photos. Location data is removed from the photo.',
    'report.photo.list': 'Photos added',
    'report.photo.alt': 'Photo {n}: {name}',
    'report.photo.previewAlt': 'Preview of {name}',
    'report.photo.done': 'Uploaded',
    'report.photo.progress': 'Uploading: {percent}%',
    'report.photo.remove': 'Remove',
    'report.photo.removeNamed': 'Remove photo {n}: {name}',
    'report.photo.uploading': 'Uploading {name}…',
    'report.photo.added': '{name} was added.',
    'report.photo.removed': '{name} was removed.',
    'report.photo.error': '{name} could not be added: {message}',
    'report.photo.failed': 'The photo could not be uploaded.',
    'report.photo.network': 'The connection failed; try again.',
    'report.photo.tooBig': '{name} is larger than {max} MB.',
    'report.photo.tooMany': 'A report can have at most {max} photos.',

    'report.place.how': 'How do you want to give the place?',
    'report.place.mode.ADDRESS': 'Type an address or two streets that meet',
    'report.place.mode.DEVICE': 'Use my current location',
    'report.place.mode.MAP': 'Point to it on a map',
    'report.place.mode.WARD': 'Choose the ward and describe the place',
    'report.place.address': 'Address or intersection',
    'report.place.addressHint': 'For example “1953 W Leland Ave” or “Leland & Damen”.',
    'report.place.find': 'Find this place',
    'report.place.chosen': 'Place of the problem',
    'report.place.found': 'Place found: {place}, ward {ward}.',
    'report.place.near': 'Near {address}',
    'report.place.point': 'The point you chose ({lat}, {lng})',
    'report.place.ward': 'Ward {n}',
    'report.place.landmark': 'Address or landmark',
    'report.place.landmarkHint':
      'We filled in the nearest address we know; correct it if you can. It is shown publicly.',
    'report.device.hint':
      'Your browser will ask whether Stoop may use your location. It is used only for this report.',
    'report.device.use': 'Use my location',
    'report.device.finding': 'Finding your location…',
    'report.device.denied':
      'Stoop may not use your location. Allow it in your browser, or type the address instead.',
    'report.device.failed': 'Your location could not be found. Type the address instead.',
    'report.device.unsupported': 'This browser cannot share a location. Type the address instead.',
    'report.map.label': 'Map: click or tap where the problem is',
    'report.map.hint':
      'Click or tap the map where the problem is. The map needs a pointer; with a keyboard or screen reader, type the address or choose the ward instead.',
    'report.ward.label': 'Ward',
    'report.ward.choose': 'Choose a ward…',
    'report.ward.note': 'Describe the place',
    'report.ward.noteHint':
      'For example “the alley behind 1500 W Foster, next to the blue garage”. It is shown publicly.',

    'report.nearby.title': 'Already reported nearby?',
    'report.nearby.intro': {
      one: 'There is 1 open report of this kind within 150 m. If it is the same problem, say “me too” instead of sending a new one.',
      other:
        'There are {count} open reports of this kind within 150 m. If one is the same problem, say “me too” instead of sending a new one.',
    },
    'report.nearby.none': 'No open report of this kind within 150 m.',
    'report.nearby.distance': '{meters} m away',
    'report.nearby.reported': 'reported {when}',
    'report.nearby.supporters': {
      zero: 'Nobody has said “me too” yet.',
      one: '1 neighbour said “me too”.',
      other: '{count} neighbours said “me too”.',
    },
    'report.nearby.see': 'See this request',
    'report.nearby.meToo': 'Me too: same problem',
    'report.nearby.already': 'You said “me too”',
    'report.nearby.signin': 'Sign in to say “me too”',
    'report.nearby.thanks':
      'Thank you: you co-signed {tn} and will get its updates. You do not need to send a new report.',
    'report.nearby.open': 'Open {tn}',
    'report.nearby.discard': 'Discard my report',
    'report.nearby.different': 'Is your problem different? Continue to send your report.',

    'report.contact.legend': 'Your contact details',
    'report.contact.private':
      'Optional. Never shown publicly: only city staff working on this report see them, to ask you about it.',
    'report.contact.name': 'Name',
    'report.contact.email': 'E-mail',
    'report.contact.phone': 'Phone',
    'report.updates.legend': 'Updates',
    'report.updates.follow': 'Follow this report: tell me when it changes',
    'report.updates.followHint':
      'Updates appear in My Stoop, and by e-mail or text if you turned them on.',
    'report.updates.settings': 'Notification settings',
    'report.updates.contactHint':
      'No account needed: we can send this report’s updates to the e-mail or phone you gave above.',
    'report.updates.by.email': 'E-mail me when it changes',
    'report.updates.by.text': 'Text me when it changes',
    'report.updates.unsubscribe':
      'Every e-mail has a link to stop them; reply STOP to stop texts. We send nothing else.',
    'report.updates.orAccount': 'Or follow it in My Stoop with an account:',
    'report.updates.tracking':
      'Without an account you can still check progress any time with the tracking number.',
    'report.review.title': 'Check your report',
    'report.review.service': 'Service',
    'report.review.details': 'Details',
    'report.review.place': 'Place',
    'report.review.contact': 'Your contact',
    'report.contact.privateShort': 'Only city staff see this.',
    'report.review.change': 'Change',
    'report.review.photos': { zero: 'No photos', one: '1 photo', other: '{count} photos' },
    'report.estimate.title': 'How long it usually takes',
    'report.estimate.typical':
      'Half of these requests are finished within {median}, and 9 in 10 within {p90}.',
    'report.estimate.area': {
      one: 'Based on 1 finished request in community area {n} over the last 12 months.',
      other: 'Based on {count} finished requests in community area {n} over the last 12 months.',
    },
    'report.estimate.city': {
      one: 'Based on 1 finished request city-wide over the last 12 months (too few in this area).',
      other:
        'Based on {count} finished requests city-wide over the last 12 months (too few in this area).',
    },
    'report.estimate.none': 'There is not enough history yet to say how long this usually takes.',
    'report.estimate.sla': 'The city’s own target is {days}.',
    'report.estimate.unavailable': 'The estimate is not available right now.',
    'report.estimate.note': 'This comes from past requests; it is not a promise.',

    'report.err.summary': 'Please fix these first',
    'report.err.service': 'Choose the service that fits the problem.',
    'report.err.required': 'Answer this question.',
    'report.err.choice': 'Choose one of the listed answers.',
    'report.err.number': 'Enter a number, for example 3 or 2.5.',
    'report.err.datetime': 'Enter a date and time.',
    'report.err.long': 'Make this shorter: at most {max} characters.',
    'report.err.location': 'Choose the place of the problem.',
    'report.err.outside':
      'This place is outside the city of Chicago. Choose a place inside the city.',
    'report.err.addressEmpty': 'Type an address or two streets that meet.',
    'report.err.notFound':
      'We could not find that place. Check the spelling, try two streets that meet, or choose the ward instead.',
    'report.err.ward': 'Choose the ward.',
    'report.err.placeNote': 'Describe the place, so the crew can find it.',
    'report.err.email': 'Enter an e-mail address like name@example.com.',
    'report.err.emailForUpdates': 'Enter the e-mail address for the updates, or untick e-mail.',
    'report.err.phoneForUpdates': 'Enter the phone number for the texts, or untick texts.',
    'report.err.phone': 'Enter a phone number of 7 to 15 digits.',
    'report.err.server': '{message}',
    'report.err.send': 'The report could not be sent: {message}. Your report is kept; try again.',

    'report.done.title': 'Your report was sent',
    'report.done.service': 'Thank you for reporting “{name}”.',
    'report.done.number': 'Your tracking number:',
    'report.done.keep': 'Keep it to check progress any time, here or by calling 311.',
    'report.done.expected': 'The city expects to finish by {date}.',
    'report.done.open': 'Follow the progress of {tn}',
    'report.done.follow': 'Follow this report',
    'report.done.following': 'Following',
    'report.done.followHint': 'Followers are told when it changes.',
    'report.done.followed': 'You follow this report.',
    'report.done.unfollowed': 'You no longer follow this report.',
    'report.done.signin': 'Sign in to follow it and get updates',
    'report.done.updatesTo': 'Updates will go to {to}. A confirmation is on its way.',
    'report.done.again': 'Report another problem',
    'report.done.announce': 'Your report was sent. Tracking number {tn}.',

    'report.track.empty': 'Enter a tracking number.',
    'report.track.notFound':
      'We found no request {tn}. Check the number; requests of private services are shown only to the person who reported them.',
    'report.track.more': 'Something else to report?',
  },
  es: {
    'report.title': 'Reportar un problema',
    'report.steps': 'Pasos',
    'report.stepOf': 'Paso {n} de {total}',
    'report.stepDone': 'hecho',
    'report.step1': '¿Cuál es el problema?',
    'report.step2': 'Cuéntenos más',
    'report.step3': '¿Dónde está?',
    'report.step4': 'Contacto y una última revisión',
    'report.back': 'Atrás',
    'report.continue': 'Continuar',
    'report.send': 'Enviar el reporte',
    'report.sending': 'Enviando…',
    'report.draft.restored':
      'Guardamos el reporte que empezó (guardado por última vez: {when}). Siga donde lo dejó.',
    'report.draft.discard': 'Empezar de nuevo con un reporte vacío',

    'report.service.search': 'Describa el problema en pocas palabras',
    'report.service.searchHint':
      'Por ejemplo “bache”, “ratas” o “luz apagada”. También en inglés: “pothole”, “rats”.',
    'report.service.group': 'O explore un grupo de servicios',
    'report.service.allGroups': 'Todos los grupos',
    'report.service.choose': 'Elija el servicio',
    'report.service.prompt': 'Escriba unas palabras o elija un grupo para ver los servicios.',
    'report.service.count': {
      zero: 'Ningún servicio coincide.',
      one: '1 servicio coincide.',
      other: '{count} servicios coinciden.',
    },
    'report.service.noneHelp':
      'Pruebe otras palabras (“basura”, “árbol”, “agua”) o elija un grupo. También puede llamar al 311.',
    'report.service.chosen': 'Elegido: {name}',

    'report.details.for': 'Preguntas sobre “{name}”.',
    'report.details.description': 'Describa el problema',
    'report.details.descriptionHint':
      'Lo que ve, qué tan grande es, todo lo que ayude al equipo a encontrarlo. Se muestra públicamente: no escriba datos personales.',
    'report.q.choose': 'Elija…',
    'report.q.several': 'Elija todas las que correspondan.',

    'report.photo.label': 'Fotos',
    'report.photo.hint':
      'JPEG, PNG, WebP o HEIC, hasta 10 MB cada una, hasta {max} fotos. Se quitan los datos de ubicación de la foto.',
    'report.photo.list': 'Fotos agregadas',
    'report.photo.alt': 'Foto {n}: {name}',
    'report.photo.previewAlt': 'Vista previa de {name}',
    'report.photo.done': 'Subida',
    'report.photo.progress': 'Subiendo: {percent}%',
    'report.photo.remove': 'Quitar',
    'report.photo.removeNamed': 'Quitar la foto {n}: {name}',
    'report.photo.uploading': 'Subiendo {name}…',
    'report.photo.added': 'Se agregó {name}.',
    'report.photo.removed': 'Se quitó {name}.',
    'report.photo.error': 'No se pudo agregar {name}: {message}',
    'report.photo.failed': 'No se pudo subir la foto.',
    'report.photo.network': 'Falló la conexión; inténtelo de nuevo.',
    'report.photo.tooBig': '{name} pesa más de {max} MB.',
    'report.photo.tooMany': 'Un reporte puede tener como máximo {max} fotos.',

    'report.place.how': '¿Cómo quiere indicar el lugar?',
    'report.place.mode.ADDRESS': 'Escribir una dirección o dos calles que se cruzan',
    'report.place.mode.DEVICE': 'Usar mi ubicación actual',
    'report.place.mode.MAP': 'Señalarlo en un mapa',
    'report.place.mode.WARD': 'Elegir el distrito (ward) y describir el lugar',
    'report.place.address': 'Dirección o cruce de calles',
    'report.place.addressHint': 'Por ejemplo “1953 W Leland Ave” o “Leland & Damen”.',
    'report.place.find': 'Buscar este lugar',
    'report.place.chosen': 'Lugar del problema',
    'report.place.found': 'Lugar encontrado: {place}, distrito {ward}.',
    'report.place.near': 'Cerca de {address}',
    'report.place.point': 'El punto que eligió ({lat}, {lng})',
    'report.place.ward': 'Distrito {n}',
    'report.place.landmark': 'Dirección o punto de referencia',
    'report.place.landmarkHint':
      'Pusimos la dirección conocida más cercana; corríjala si puede. Se muestra públicamente.',
    'report.device.hint':
      'Su navegador le preguntará si Stoop puede usar su ubicación. Solo se usa para este reporte.',
    'report.device.use': 'Usar mi ubicación',
    'report.device.finding': 'Buscando su ubicación…',
    'report.device.denied':
      'Stoop no tiene permiso para usar su ubicación. Permítalo en su navegador o escriba la dirección.',
    'report.device.failed': 'No se pudo encontrar su ubicación. Escriba la dirección.',
    'report.device.unsupported':
      'Este navegador no puede compartir la ubicación. Escriba la dirección.',
    'report.map.label': 'Mapa: haga clic o toque donde está el problema',
    'report.map.hint':
      'Haga clic o toque el mapa donde está el problema. El mapa necesita un puntero; con teclado o lector de pantalla, escriba la dirección o elija el distrito.',
    'report.ward.label': 'Distrito (ward)',
    'report.ward.choose': 'Elija un distrito…',
    'report.ward.note': 'Describa el lugar',
    'report.ward.noteHint':
      'Por ejemplo “el callejón detrás de 1500 W Foster, junto al garaje azul”. Se muestra públicamente.',

    'report.nearby.title': '¿Ya lo reportaron cerca?',
    'report.nearby.intro': {
      one: 'Hay 1 reporte abierto de este tipo a menos de 150 m. Si es el mismo problema, diga “yo también” en lugar de enviar uno nuevo.',
      other:
        'Hay {count} reportes abiertos de este tipo a menos de 150 m. Si uno es el mismo problema, diga “yo también” en lugar de enviar uno nuevo.',
    },
    'report.nearby.none': 'No hay reportes abiertos de este tipo a menos de 150 m.',
    'report.nearby.distance': 'a {meters} m',
    'report.nearby.reported': 'reportado {when}',
    'report.nearby.supporters': {
      zero: 'Nadie ha dicho “yo también” todavía.',
      one: '1 vecino dijo “yo también”.',
      other: '{count} vecinos dijeron “yo también”.',
    },
    'report.nearby.see': 'Ver esta solicitud',
    'report.nearby.meToo': 'Yo también: el mismo problema',
    'report.nearby.already': 'Usted dijo “yo también”',
    'report.nearby.signin': 'Inicie sesión para decir “yo también”',
    'report.nearby.thanks':
      'Gracias: apoyó {tn} y recibirá sus novedades. No necesita enviar un reporte nuevo.',
    'report.nearby.open': 'Abrir {tn}',
    'report.nearby.discard': 'Descartar mi reporte',
    'report.nearby.different': '¿Su problema es distinto? Continúe para enviar su reporte.',

    'report.contact.legend': 'Sus datos de contacto',
    'report.contact.private':
      'Opcional. Nunca se muestran públicamente: solo el personal de la ciudad que atiende este reporte los ve, para preguntarle sobre él.',
    'report.contact.name': 'Nombre',
    'report.contact.email': 'Correo electrónico',
    'report.contact.phone': 'Teléfono',
    'report.updates.legend': 'Novedades',
    'report.updates.follow': 'Seguir este reporte: avisarme cuando cambie',
    'report.updates.followHint':
      'Las novedades aparecen en Mi Stoop, y por correo o mensaje de texto si los activó.',
    'report.updates.settings': 'Preferencias de notificación',
    'report.updates.contactHint':
      'No necesita cuenta: podemos enviar las novedades de este reporte al correo o teléfono que escribió arriba.',
    'report.updates.by.email': 'Escríbame por correo cuando cambie',
    'report.updates.by.text': 'Envíeme un mensaje de texto cuando cambie',
    'report.updates.unsubscribe':
      'Cada correo trae un enlace para dejar de recibirlos; responda ALTO para los mensajes de texto. No enviamos nada más.',
    'report.updates.orAccount': 'O sígalo en Mi Stoop con una cuenta:',
    'report.updates.tracking':
      'Sin cuenta, igual puede consultar el avance cuando quiera con el número de seguimiento.',
    'report.review.title': 'Revise su reporte',
    'report.review.service': 'Servicio',
    'report.review.details': 'Detalles',
    'report.review.place': 'Lugar',
    'report.review.contact': 'Su contacto',
    'report.contact.privateShort': 'Solo lo ve el personal de la ciudad.',
    'report.review.change': 'Cambiar',
    'report.review.photos': { zero: 'Sin fotos', one: '1 foto', other: '{count} fotos' },
    'report.estimate.title': 'Cuánto suele tardar',
    'report.estimate.typical':
      'La mitad de estas solicitudes se terminan en {median} o menos, y 9 de cada 10 en {p90} o menos.',
    'report.estimate.area': {
      one: 'Según 1 solicitud terminada en el área comunitaria {n} en los últimos 12 meses.',
      other:
        'Según {count} solicitudes terminadas en el área comunitaria {n} en los últimos 12 meses.',
    },
    'report.estimate.city': {
      one: 'Según 1 solicitud terminada en toda la ciudad en los últimos 12 meses (muy pocas en esta área).',
      other:
        'Según {count} solicitudes terminadas en toda la ciudad en los últimos 12 meses (muy pocas en esta área).',
    },
    'report.estimate.none': 'Todavía no hay suficiente historial para saber cuánto suele tardar.',
    'report.estimate.sla': 'La meta de la propia ciudad es {days}.',
    'report.estimate.unavailable': 'La estimación no está disponible ahora.',
    'report.estimate.note': 'Esto viene de solicitudes anteriores; no es una promesa.',

    'report.err.summary': 'Corrija esto primero',
    'report.err.service': 'Elija el servicio que corresponde al problema.',
    'report.err.required': 'Responda esta pregunta.',
    'report.err.choice': 'Elija una de las respuestas de la lista.',
    'report.err.number': 'Escriba un número, por ejemplo 3 o 2.5.',
    'report.err.datetime': 'Escriba una fecha y hora.',
    'report.err.long': 'Acórtelo: como máximo {max} caracteres.',
    'report.err.location': 'Elija el lugar del problema.',
    'report.err.outside':
      'Este lugar está fuera de la ciudad de Chicago. Elija un lugar dentro de la ciudad.',
    'report.err.addressEmpty': 'Escriba una dirección o dos calles que se cruzan.',
    'report.err.notFound':
      'No encontramos ese lugar. Revise cómo lo escribió, pruebe con dos calles que se cruzan o elija el distrito.',
    'report.err.ward': 'Elija el distrito.',
    'report.err.placeNote': 'Describa el lugar, para que el equipo lo encuentre.',
    'report.err.email': 'Escriba un correo como nombre@ejemplo.com.',
    'report.err.emailForUpdates': 'Escriba el correo para las novedades, o desmarque el correo.',
    'report.err.phoneForUpdates':
      'Escriba el teléfono para los mensajes, o desmarque los mensajes.',
    'report.err.phone': 'Escriba un teléfono de 7 a 15 dígitos.',
    'report.err.server': '{message}',
    'report.err.send':
      'No se pudo enviar el reporte: {message}. Su reporte está guardado; inténtelo de nuevo.',

    'report.done.title': 'Su reporte fue enviado',
    'report.done.service': 'Gracias por reportar “{name}”.',
    'report.done.number': 'Su número de seguimiento:',
    'report.done.keep': 'Guárdelo para consultar el avance cuando quiera, aquí o llamando al 311.',
    'report.done.expected': 'La ciudad espera terminar antes del {date}.',
    'report.done.open': 'Seguir el avance de {tn}',
    'report.done.follow': 'Seguir este reporte',
    'report.done.following': 'Siguiendo',
    'report.done.followHint': 'A quienes lo siguen se les avisa cuando cambia.',
    'report.done.followed': 'Usted sigue este reporte.',
    'report.done.unfollowed': 'Ya no sigue este reporte.',
    'report.done.signin': 'Inicie sesión para seguirlo y recibir novedades',
    'report.done.updatesTo': 'Las novedades irán a {to}. Le enviamos una confirmación.',
    'report.done.again': 'Reportar otro problema',
    'report.done.announce': 'Su reporte fue enviado. Número de seguimiento {tn}.',

    'report.track.empty': 'Escriba un número de seguimiento.',
    'report.track.notFound':
      'No encontramos la solicitud {tn}. Revise el número; las solicitudes de servicios privados solo las ve quien las reportó.',
    'report.track.more': '¿Algo más que reportar?',
  },
});
