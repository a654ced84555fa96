/**
 * Chicago's service catalogue in Spanish: the name and description of each service and the text of
 * each service's questions and choices, as read by Spanish-speaking residents (plain, neutral
 * Latin-American Spanish, `usted` form). The seed stores them beside the English (the `translations`
 * columns); the groups' Spanish names live with the web app's messages (`web/src/lib/i18n/groups.ts`).
 *
 * Everything is keyed the way `buildCatalogue` keys the English catalogue: services by the Open311
 * list's slug, questions by attribute code and choices by
 * value key. Slugs, not service codes, so that the city's live `services.json` (whose slugs are
 * guessed from its names) still finds them. Anything missing here (a service the city adds later, a
 * new question) falls back to the English text.
 */

/** Spanish name and description of each service, keyed by the catalogue slug. */
export const SERVICES_ES: Readonly<Record<string, { name: string; description: string }>> = {
  abandoned_vehicle: {
    name: 'Queja por vehículo abandonado',
    description:
      'Un vehículo que no se ha movido en mucho tiempo, parece no funcionar o no tiene placas válidas.',
  },
  affordable_rental_housing_list: {
    name: 'Lista de viviendas de alquiler asequibles',
    description: 'Pida la lista de viviendas de alquiler asequibles en Chicago.',
  },
  air_conditioning_violation: {
    name: 'Infracción de aire acondicionado o refrigeración',
    description:
      'Equipo de aire acondicionado o refrigeración que es peligroso o no funciona en un edificio que debe tenerlo.',
  },
  air_pollution: {
    name: 'Queja por contaminación del aire, olores o polvo',
    description: 'Humo, olores o polvo de un negocio, una obra de construcción u otra fuente.',
  },
  alley_grading: {
    name: 'Nivelación de callejón sin pavimentar',
    description: 'Un callejón sin pavimentar que necesita nivelarse.',
  },
  alley_light_out: {
    name: 'Queja por luz apagada en callejón',
    description: 'Una o más luces de un callejón están apagadas.',
  },
  alley_pothole: {
    name: 'Queja por bache en callejón',
    description: 'Un bache en un callejón pavimentado.',
  },
  alley_sewer: {
    name: 'Solicitud de inspección de alcantarilla en callejón',
    description: 'Una alcantarilla tapada o dañada en un callejón.',
  },
  animal_abandoned: {
    name: 'Animal abandonado',
    description: 'Un animal que dejaron sin comida, agua ni cuidados.',
  },
  animal_business: {
    name: 'Queja sobre negocio de animales',
    description:
      'Una tienda de mascotas, pensión para perros o peluquería de mascotas que tiene a los animales en malas condiciones.',
  },
  animal_fighiting: {
    name: 'Sospecha de peleas de animales',
    description: 'Sospecha de peleas de perros u otras peleas de animales.',
  },
  animal_trap: {
    name: 'Queja por animal en trampa',
    description: 'Un animal atrapado en una trampa que hay que recoger.',
  },
  asbestos: {
    name: 'Queja por asbesto',
    description: 'Remoción de asbesto hecha sin permisos ni medidas de protección.',
  },
  bees_wasps: {
    name: 'Remoción de abejas o avispas',
    description: 'Un nido de abejas o avispas en propiedad pública.',
  },
  bicycle_request: {
    name: 'Solicitud o queja sobre bicicletas',
    description:
      'Soportes para estacionar bicicletas, ciclovías y otras instalaciones para bicicletas.',
  },
  bike_lane_post: {
    name: 'Reparación de poste de ciclovía',
    description: 'Un poste flexible dañado o que falta a lo largo de una ciclovía.',
  },
  black_garbage_cart_removal: {
    name: 'Retiro de contenedor negro de basura',
    description: 'Retirar un contenedor negro de basura de más o que ya no quiere.',
  },
  blue_recycling_cart: {
    name: 'Contenedor azul de reciclaje',
    description: 'Pida un contenedor azul de reciclaje o reporte uno dañado.',
  },
  board_of_education: {
    name: 'Junta de Educación',
    description: 'Preguntas e inquietudes para las Escuelas Públicas de Chicago (CPS).',
  },
  bridges: {
    name: 'Puentes y viaductos (todos los tipos)',
    description: 'Daños en un puente o viaducto.',
  },
  public_facility: {
    name: 'Infracción en edificio de uso público',
    description: 'Condiciones peligrosas en un edificio abierto al público.',
  },
  boiler: {
    name: 'Edificios: infracción de caldera',
    description: 'Una caldera que es peligrosa o no ha sido inspeccionada.',
  },
  electrical: {
    name: 'Edificios: infracción eléctrica',
    description:
      'Cables expuestos, circuitos sobrecargados u otros peligros eléctricos en un edificio.',
  },
  elevator: {
    name: 'Edificios: infracción de elevador',
    description: 'Un elevador o una escalera eléctrica que no funciona o es peligroso.',
  },
  furnace: {
    name: 'Edificios: infracción de calefacción',
    description: 'Un calentador o sistema de calefacción (furnace) que es peligroso o no funciona.',
  },
  plumbing: {
    name: 'Edificios: infracción de plomería',
    description:
      'Fugas en las tuberías, aguas negras que se regresan o instalaciones que faltan dentro de un edificio.',
  },
  bulk_pickup: {
    name: 'Recolección de objetos grandes',
    description: 'Recoger muebles, electrodomésticos u otros objetos grandes.',
  },
  vintage_home: {
    name: 'Solicitud de información sobre bungalós y casas antiguas',
    description:
      'Información sobre los programas de Chicago para bungalós (Chicago Bungalow) y casas antiguas.',
  },
  business_complaint: {
    name: 'Quejas sobre negocios',
    description: 'Un negocio que opera sin licencia o no cumple las reglas de su licencia.',
  },
  cdot_constrcution: {
    name: 'Quejas sobre obras de CDOT',
    description: 'Problemas causados por obras de construcción en la vía pública.',
  },
  cdot_electrical: {
    name: 'Quejas sobre obras de Operaciones Eléctricas de CDOT',
    description: 'Problemas causados por obras de alumbrado público o de semáforos.',
  },
  cha: {
    name: 'CHA: varios',
    description: 'Preguntas e inquietudes para la Autoridad de Vivienda de Chicago (CHA).',
  },
  taxi: {
    name: 'Comentarios sobre taxis',
    description: 'Felicitaciones o quejas sobre un viaje en taxi.',
  },
  cable_cut: {
    name: 'Cable cortado',
    description: 'Un cable eléctrico de la ciudad cortado o expuesto.',
  },
  cable_tv: {
    name: 'Queja sobre televisión por cable',
    description: 'Quejas sobre una compañía de televisión por cable.',
  },
  check_for_leak: {
    name: 'Revisión de fuga de agua',
    description: 'Agua que se fuga de una tubería principal, una línea de servicio o un medidor.',
  },
  city_clerk_feedback: {
    name: 'Comentarios para la Oficina del Secretario Municipal',
    description: 'Sus comentarios para la Oficina del Secretario Municipal (City Clerk).',
  },
  city_electrical_vault: {
    name: 'Registro eléctrico de la ciudad',
    description: 'Un registro eléctrico subterráneo de la ciudad que está dañado o abierto.',
  },
  city_vehicle_sticker_violation: {
    name: 'Infracción de calcomanía municipal de vehículo',
    description:
      'Un vehículo registrado en Chicago que no tiene la calcomanía municipal (city sticker).',
  },
  vacant_lot: {
    name: 'Solicitud de limpieza de lote baldío',
    description: 'Un lote baldío lleno de basura, escombros o maleza.',
  },
  green_program: {
    name: 'Solicitud del programa Limpio y Verde',
    description: 'Herramientas y ayuda para limpiar el vecindario.',
  },
  fire_safety: {
    name: 'Solicitud de inspección contra incendios en edificio comercial',
    description: 'Una inspección de seguridad contra incendios de un edificio comercial.',
  },
  city_vehicle_condition: {
    name: 'Estado de un vehículo de la ciudad',
    description: 'Un vehículo de la ciudad que parece dañado o peligroso.',
  },
  construction_complaint: {
    name: 'Queja por construcción y demolición',
    description: 'Polvo, escombros o ruido de una construcción o demolición.',
  },
  consumer_fraud: {
    name: 'Queja por fraude al consumidor',
    description: 'Un negocio que lo engañó o lo estafó.',
  },
  consumer_business: {
    name: 'Queja del consumidor sobre una tienda',
    description: 'Un problema con una compra en una tienda.',
  },
  coyote: {
    name: 'Queja por encuentro con un coyote',
    description: 'Un coyote que se acercó a personas o mascotas.',
  },
  crisis_referral: {
    name: 'Referencia para personas en crisis',
    description: 'Ayuda para una persona en crisis.',
  },
  daycare_center: {
    name: 'Guardería',
    description: 'Problemas de salud o seguridad en una guardería.',
  },
  dead_animal_pickup: {
    name: 'Solicitud de recolección de animal muerto',
    description:
      'Un animal muerto en la calle, el callejón o la franja de césped junto a la acera.',
  },
  dead_bird: {
    name: 'Ave muerta',
    description: 'Un ave muerta, que se recoge para analizarla por el virus del Nilo Occidental.',
  },
  disabled_parking: {
    name: 'Estacionamiento para personas con discapacidad',
    description: 'Pida o reporte un letrero de estacionamiento para personas con discapacidad.',
  },
  divvy_bike_parking: {
    name: 'Queja por bicicleta Divvy mal estacionada',
    description: 'Una bicicleta Divvy estacionada donde bloquea el paso.',
  },
  escooter_parking: {
    name: 'Queja por scooter eléctrico mal estacionado',
    description: 'Un scooter eléctrico estacionado donde bloquea la acera o la calle.',
  },
  electrical_sign_inspection: {
    name: 'Inspección de letrero eléctrico',
    description: 'Un letrero eléctrico que podría ser peligroso.',
  },
  equipment_noise: {
    name: 'Queja por ruido de equipos',
    description: 'Ruido de equipos como generadores, compresores o unidades de ventilación.',
  },
  fire_assistance: {
    name: 'Ayuda de los bomberos',
    description:
      'Ayuda del Departamento de Bomberos cuando no es una emergencia. En una emergencia, llame al 911.',
  },
  fire_miscellaneous: {
    name: 'Bomberos: varios',
    description: 'Otras preguntas que no son de emergencia para el Departamento de Bomberos.',
  },
  flooded_viaduct: {
    name: 'Viaducto inundado',
    description: 'Agua estancada debajo de un viaducto.',
  },
  fly_dump_tires: {
    name: 'Tiradero ilegal (llantas)',
    description: 'Llantas tiradas en una propiedad pública o privada.',
  },
  fly_dumping: {
    name: 'Queja por tiradero ilegal de basura',
    description: 'Escombros de construcción, muebles o basura tirados ilegalmente.',
  },
  furniture_repair_cta: {
    name: 'Reparación de mobiliario de la CTA',
    description: 'Una banca o una parada techada de autobús de la CTA que está dañada.',
  },
  garbage_cart_maintenance: {
    name: 'Mantenimiento de contenedor de basura',
    description: 'Un contenedor negro de basura dañado, perdido o robado.',
  },
  gas_station: {
    name: 'Queja sobre gasolinera o tanque de almacenamiento',
    description: 'Fugas, derrames u olores en una gasolinera o un tanque de almacenamiento.',
  },
  graffiti_removal: {
    name: 'Solicitud de eliminación de grafiti',
    description: 'Pintura o marcas en un edificio, una cerca, un poste u otra superficie.',
  },
  groceries: {
    name: 'Víveres',
    description: 'Ayuda para recibir víveres a domicilio.',
  },
  guardrail_maintenance: {
    name: 'Mantenimiento de barreras de contención y protecciones viales',
    description: 'Una barrera de contención o de protección dañada al lado de la vía.',
  },
  gym_shoe_electrical_wire: {
    name: 'Tenis u objetos colgados de cables eléctricos',
    description: 'Zapatos u otros objetos que cuelgan de un cable eléctrico.',
  },
  health_club: {
    name: 'Gimnasio',
    description: 'Un problema con un gimnasio o con su membresía.',
  },
  home_buyer_program_info: {
    name: 'Solicitud de información sobre programas para comprar vivienda',
    description: 'Información sobre los programas de ayuda para comprar una vivienda.',
  },
  homeless_prevention: {
    name: 'Prevención de la falta de vivienda',
    description: 'Ayuda para no perder su vivienda.',
  },
  hotel_motel_health_dept: {
    name: 'Hotel o motel: Departamento de Salud',
    description: 'Problemas de salud o de higiene en un hotel o motel.',
  },
  housing_inquiries: {
    name: 'Preguntas sobre vivienda',
    description: 'Preguntas sobre los programas de vivienda de la ciudad.',
  },
  how_is_my_driving: {
    name: '¿Cómo manejo?',
    description: 'La forma en que se manejaba un vehículo de la ciudad.',
  },
  hydrant_cap_missing: {
    name: 'Hidrante sin tapa',
    description: 'Un hidrante al que le falta la tapa.',
  },
  hydrant_check: {
    name: 'Revisión de hidrante',
    description: 'Un hidrante que parece dañado o tiene fugas.',
  },
  ice_snow_removal: {
    name: 'Solicitud de remoción de hielo y nieve',
    description: 'Una calle a la que hay que quitarle la nieve o echarle sal.',
  },
  illegal_dumping: {
    name: 'Vertido ilegal de desechos',
    description: 'Desechos tirados por un negocio o un contratista.',
  },
  in_ground_pedestrian_crossing: {
    name: 'Reparación de letrero de cruce peatonal en la calle',
    description:
      'Un letrero de "Stop for pedestrians" (alto para peatones) en medio de la calle que está dañado.',
  },
  inaccurate_fuel_pump: {
    name: 'Queja por bomba de gasolina inexacta',
    description: 'Una bomba de gasolina que cobra más de lo que despacha.',
  },
  inaccurate_retail_scales: {
    name: 'Queja por báscula inexacta en una tienda',
    description: 'Una báscula de una tienda que pesa mal.',
  },
  inspect_public_way: {
    name: 'Solicitud de inspección de la vía pública',
    description: 'Daños u obstáculos en la calle, la acera o la franja de césped junto a la acera.',
  },
  landscape_median_maintenance: {
    name: 'Mantenimiento de áreas verdes en camellones',
    description:
      'Plantas demasiado crecidas o jardinería dañada en un camellón (isleta en medio de la calle).',
  },
  lead_inspection: {
    name: 'Solicitud de inspección de plomo',
    description: 'Inspeccionar una vivienda por peligros de pintura con plomo.',
  },
  licensed_pharmaceutical_rep: {
    name: 'Queja sobre representante farmacéutico con licencia',
    description: 'Un representante farmacéutico que trabaja sin licencia.',
  },
  liquor_establishment: {
    name: 'Queja sobre establecimiento de bebidas alcohólicas',
    description: 'Un bar, una cantina o una licorería que no cumple las reglas de su licencia.',
  },
  locate_service_bbox: {
    name: 'Localizar tubería principal, línea de servicio, b-box o bóveda de medidor',
    description:
      'Encontrar una tubería principal de agua, una línea de servicio, la llave de paso (b-box) o la bóveda de un medidor.',
  },
  low_water_pressure: {
    name: 'Queja por baja presión de agua',
    description: 'La presión del agua en su llave es baja.',
  },
  midway_customer_service: {
    name: 'Servicio al cliente de Midway',
    description: 'Servicio al cliente en el Aeropuerto Internacional Midway.',
  },
  midway_facilities: {
    name: 'Queja sobre instalaciones de Midway',
    description: 'Un problema con las instalaciones del Aeropuerto Internacional Midway.',
  },
  missed_garbage_pickup: {
    name: 'Queja por basura no recogida',
    description: 'No recogieron la basura el día de recolección.',
  },
  missing_lid_grate_cover: {
    name: 'Tapa, rejilla o cubierta faltante',
    description:
      'Una tapa de alcantarilla, una rejilla de desagüe u otra cubierta que falta o está rota.',
  },
  mobile_food_vehicle: {
    name: 'Vehículo de comida móvil',
    description: 'Un camión de comida (food truck) que no cumple las reglas de su licencia.',
  },
  mosquito_spraying_inquiries: {
    name: 'Preguntas sobre fumigación contra mosquitos (antes virus del Nilo Occidental)',
    description: 'Preguntas sobre la fumigación contra mosquitos y el virus del Nilo Occidental.',
  },
  construction_rodent_inspection: {
    name: 'Inspección de roedores en excavación o construcción nueva',
    description: 'Ratas vistas cerca de una excavación o una construcción nueva.',
  },
  no_air_conditioning: {
    name: 'Sin aire acondicionado',
    description: 'No hay aire acondicionado donde el edificio debe tenerlo.',
  },
  no_building_permit: {
    name: 'Obra sin permiso de construcción e infracciones de construcción',
    description: 'Obras de construcción o demolición sin permiso de construcción.',
  },
  no_solicitation: {
    name: 'Queja por vendedores a domicilio no permitidos',
    description:
      'Vendedores o promotores en una casa o negocio con un letrero de "No Solicitation" (no se aceptan vendedores).',
  },
  no_vehicle_idling: {
    name: 'Prohibido dejar el motor encendido (diésel)',
    description: 'Un vehículo diésel parado con el motor encendido por mucho tiempo.',
  },
  no_water: {
    name: 'Queja por falta de agua',
    description: 'No sale agua de la llave.',
  },
  nuisance_animal: {
    name: 'Queja por animal que causa molestias',
    description: 'Un animal que causa molestias, por ejemplo, con ladridos constantes.',
  },
  ohare_customer_service: {
    name: "Servicio al cliente de O'Hare",
    description: "Servicio al cliente en el Aeropuerto Internacional O'Hare.",
  },
  ohare_facilities: {
    name: "Queja sobre instalaciones de O'Hare",
    description: "Un problema con las instalaciones del Aeropuerto Internacional O'Hare.",
  },
  open_fire_hydrant: {
    name: 'Queja por hidrante abierto',
    description: 'Un hidrante que quedó abierto.',
  },
  outdated_merchandise: {
    name: 'Queja por mercancía vencida',
    description: 'Una tienda que vende alimentos o productos después de su fecha de vencimiento.',
  },
  paid_sick_leave: {
    name: 'Infracción de días pagados por enfermedad',
    description: 'Un empleador que niega los días de enfermedad pagados.',
  },
  park_repair_maintenance: {
    name: 'Reparación o mantenimiento de parques',
    description: 'Algo roto o peligroso en un parque.',
  },
  park_rodent_abatement: {
    name: 'Control de roedores en parques',
    description: 'Ratas vistas en un parque.',
  },
  pavement_buckle_repair: {
    name: 'Reparación de pavimento levantado',
    description: 'Pavimento que se ha levantado o abombado.',
  },
  pet_wellness_check: {
    name: 'Solicitud de revisión del bienestar de una mascota',
    description: 'Revisar a una mascota que podría estar sufriendo o en peligro.',
  },
  police_misc: {
    name: 'Policía: varios',
    description:
      'Preguntas que no son de emergencia para el Departamento de Policía. En una emergencia, llame al 911.',
  },
  porch_inspection: {
    name: 'Solicitud de inspección de porche',
    description: 'Un porche o una terraza que parece poco segura.',
  },
  pothole: {
    name: 'Queja por bache en la calle',
    description: 'Un hoyo en el pavimento de una calle.',
  },
  bike_lane_debris_removal: {
    name: 'Ciclovía protegida: retiro de escombros',
    description: 'Vidrios, hojas o escombros en una ciclovía protegida.',
  },
  public_vehicle: {
    name: 'Queja sobre vehículo público o servicio de valet',
    description:
      'Un problema con un servicio de valet, una limusina, un bicitaxi u otro vehículo público.',
  },
  pushcart_food_vendor: {
    name: 'Queja sobre vendedor de comida en carrito',
    description: 'Un vendedor de comida en carrito que no cumple las reglas de su licencia.',
  },
  recycling_inspection: {
    name: 'Solicitud de inspección de reciclaje',
    description: 'Un edificio que no ofrece servicio de reciclaje.',
  },
  recycling_pickup: {
    name: 'Recolección de reciclaje',
    description: 'No recogieron el contenedor azul de reciclaje.',
  },
  red_light_camera: {
    name: 'Cámara de semáforo en rojo',
    description: 'Preguntas sobre una cámara que detecta a quien se pasa el semáforo en rojo.',
  },
  relocated_vehicle: {
    name: 'Vehículo reubicado',
    description: 'Encuentre un vehículo que la ciudad movió de lugar.',
  },
  relocation: {
    name: 'Solicitud de reubicación',
    description: 'Ayuda para mudarse después de un incendio, un desalojo o una emergencia.',
  },
  renters_foreclosure: {
    name: 'Queja de inquilinos por embargo hipotecario',
    description: 'Inquilinos afectados por el embargo hipotecario (foreclosure) de su edificio.',
  },
  injured_animal_report: {
    name: 'Reportar un animal herido',
    description: 'Un animal herido que necesita ayuda.',
  },
  water_shut_off_occupied: {
    name: 'Solicitud de corte de agua en edificio ocupado',
    description: 'Cortar el agua de un edificio ocupado.',
  },
  water_shut_off_vacant: {
    name: 'Solicitud de corte de agua en edificio desocupado',
    description: 'Cortar el agua de un edificio desocupado.',
  },
  fire_hydrant_custodian: {
    name: 'Solicitud para instalar un regulador en un hidrante',
    description:
      'Poner en un hidrante un regulador ("custodian") para una fiesta de cuadra o un evento.',
  },
  restaurant: {
    name: 'Queja sobre restaurante',
    description: 'Problemas de seguridad de los alimentos o de higiene en un restaurante.',
  },
  ridesharing: {
    name: 'Queja sobre transporte por aplicación',
    description: 'Un problema con un viaje o un conductor de aplicación (Uber, Lyft).',
  },
  rats: {
    name: 'Queja por ratas / colocación de cebo para roedores',
    description: 'Ratas vistas al aire libre; la ciudad pone cebo para roedores en la zona.',
  },
  sanitation_code_violation: {
    name: 'Infracción del código de saneamiento',
    description:
      'Contenedores de basura desbordados, basura en patios u otras infracciones del código de saneamiento.',
  },
  sanitation_tire_pickup: {
    name: 'Recolección de llantas',
    description: 'Recoger llantas dejadas en la orilla de la calle o en el callejón.',
  },
  sewer_cave_in_inspection: {
    name: 'Solicitud de inspección de hundimiento de alcantarilla',
    description: 'Pavimento que se hunde o se derrumba sobre una alcantarilla.',
  },
  sewer_cleaning_inspection: {
    name: 'Solicitud de inspección para limpiar alcantarilla',
    description: 'Una alcantarilla o un desagüe tapado.',
  },
  sewer_outfall_investigation: {
    name: 'Investigación de descarga de alcantarillado',
    description: 'Descarga de una salida del alcantarillado a un río, lago o canal.',
  },
  shared_cost_sidewalk: {
    name: 'Solicitud del programa de aceras de costo compartido',
    description: 'Reemplazar una acera compartiendo el costo con la ciudad.',
  },
  vacation_rental: {
    name: 'Queja sobre vivienda compartida o alquiler vacacional',
    description: 'Un problema con un alquiler de corta estancia o vacacional.',
  },
  shelter: {
    name: 'Solicitud de albergue',
    description: 'Un lugar donde quedarse esta noche.',
  },
  sidewalk_cafe: {
    name: 'Queja sobre café en la acera',
    description: 'Un café con mesas en la acera que no cumple las reglas de su permiso.',
  },
  sidewalk_inspection: {
    name: 'Solicitud de inspección de acera',
    description: 'Una acera rota, levantada o hundida.',
  },
  sign_loading_standing_zone: {
    name: 'Letrero de zona de carga o de parada (instalación nueva, cambio o retiro)',
    description: 'Instalar, cambiar o quitar un letrero de zona de carga o de parada.',
  },
  sign_repair_base_bolt_removal: {
    name: 'Reparación de letreros: retiro de base o pernos',
    description: 'La base o los pernos de un letrero retirado que quedaron en la acera.',
  },
  sign_repair_all_other_signs: {
    name: 'Solicitud de reparación de letreros: todos los demás letreros',
    description: 'Una señal de tránsito dañada, desteñida o que falta.',
  },
  sign_repair_do_not_enter: {
    name: 'Solicitud de reparación de letrero de no entrar',
    description: 'Un letrero de "Do Not Enter" (no entrar) dañado o que falta.',
  },
  sign_repair_one_way: {
    name: 'Solicitud de reparación de letrero de sentido único',
    description: 'Un letrero de "One Way" (sentido único) dañado o que falta.',
  },
  sign_repair_residential_parking: {
    name: 'Solicitud de reparación de letrero de estacionamiento con permiso residencial',
    description: 'Un letrero de estacionamiento con permiso para residentes dañado o que falta.',
  },
  sign_repair_stop: {
    name: 'Solicitud de reparación de letrero de alto',
    description: 'Un letrero de alto (Stop) caído, girado, tapado o que falta.',
  },
  ramps_and_repairs_for_seniors: {
    name: 'Pequeñas reparaciones de accesibilidad y rampas para personas mayores',
    description: 'Pequeñas reparaciones y rampas en la vivienda de personas mayores.',
  },
  smokeless_tobacco: {
    name: 'Queja por tabaco sin humo en un evento deportivo',
    description: 'Uso de tabaco sin humo (de mascar) en un evento deportivo.',
  },
  smoking_food_establishment: {
    name: 'Fumar: establecimiento de comida',
    description: 'Personas fumando dentro de un restaurante o negocio de comida.',
  },
  smoking_non_food_establishment: {
    name: 'Fumar: establecimiento que no es de comida',
    description: 'Personas fumando dentro de otro lugar público cerrado.',
  },
  snow_object_dibs_removal: {
    name: 'Nieve: solicitud de retiro de objetos que apartan lugar ("dibs")',
    description:
      'Sillas u otros objetos que apartan un lugar de estacionamiento al que se le quitó la nieve.',
  },
  snow_protected_bike_lane: {
    name: 'Remoción de nieve: ciclovía protegida o acera de puente',
    description: 'Nieve en una ciclovía protegida o en la acera de un puente.',
  },
  snow_uncleared_sidewalk: {
    name: 'Nieve: queja por acera sin limpiar',
    description: 'Una acera que el dueño de la propiedad no ha limpiado de nieve o hielo.',
  },
  speed_camera: {
    name: 'Cámara de velocidad',
    description: 'Preguntas sobre una cámara de velocidad.',
  },
  speed_hump_repair: {
    name: 'Reparación de reductor de velocidad',
    description: 'Un reductor de velocidad (tope) dañado.',
  },
  spills_or_dumping: {
    name: 'Derrames o vertidos en ríos, lagos y otras aguas naturales',
    description: 'Derrames o desechos vertidos en el río, el lago u otras aguas.',
  },
  stray_animal: {
    name: 'Queja por animal suelto',
    description: 'Un perro, gato u otro animal suelto.',
  },
  street_cleaning: {
    name: 'Solicitud de limpieza de calle',
    description: 'Una calle que hay que barrer.',
  },
  street_light_on_during_day: {
    name: 'Queja por poste de luz encendido de día',
    description: 'Un poste de luz que sigue encendido durante el día.',
  },
  street_light_out: {
    name: 'Queja por poste de luz apagado',
    description: 'Uno o más postes de luz de la calle están apagados.',
  },
  street_light_pole_damage: {
    name: 'Queja por poste de luz dañado',
    description: 'Un poste de luz dañado, inclinado o derribado.',
  },
  street_light_pole_door_missing: {
    name: 'Queja por poste de luz sin compuerta',
    description: 'Falta la compuerta de acceso en la base de un poste de luz.',
  },
  street_paint_marking: {
    name: 'Mantenimiento de marcas pintadas en la calle',
    description: 'Cruces peatonales, líneas de carril u otras marcas de la calle desteñidas.',
  },
  swimming_pool_insp: {
    name: 'Inspección de piscina',
    description: 'Problemas de salud o seguridad en una piscina (alberca).',
  },
  tanning_and_body_art: {
    name: 'Queja sobre bronceado y arte corporal',
    description:
      'Problemas de salud en un negocio de bronceado, tatuajes o perforaciones (piercings).',
  },
  tobacco_general: {
    name: 'Tabaco: queja general',
    description: 'Un negocio que vende tabaco sin cumplir las reglas.',
  },
  tobacco_sale_to_minors: {
    name: 'Tabaco: queja por venta a menores',
    description: 'Un negocio que vende tabaco a menores de 21 años.',
  },
  toxic_hazardous_materials: {
    name: 'Materiales tóxicos y peligrosos',
    description: 'Materiales tóxicos o peligrosos guardados o tirados de forma insegura.',
  },
  traffic_calming_devices: {
    name: 'Dispositivos para reducir la velocidad del tráfico: existentes',
    description:
      'Un dispositivo existente para reducir la velocidad del tráfico que necesita reparación.',
  },
  traffic_signal_out: {
    name: 'Queja por semáforo apagado',
    description: 'Un semáforo apagado, trabado o con luz intermitente.',
  },
  traffic_signal_timing: {
    name: 'Tiempos del semáforo',
    description: 'Un semáforo que parece tener los tiempos mal ajustados.',
  },
  trap_pickup: {
    name: 'Recolección de trampa',
    description: 'Recoger una trampa para animales prestada.',
  },
  tree_debris_cleanup: {
    name: 'Solicitud de limpieza de restos de árbol',
    description: 'Ramas o restos de un árbol de la ciudad.',
  },
  tree_emergency: {
    name: 'Emergencia de árbol',
    description:
      'Un árbol o una rama grande que se cayó y bloquea la calle o quedó sobre un cable.',
  },
  tree_planting: {
    name: 'Solicitud para plantar un árbol',
    description: 'Plantar un árbol en la franja de césped junto a la acera.',
  },
  tree_removal: {
    name: 'Solicitud de retiro de árbol',
    description:
      'Un árbol muerto o que se está muriendo junto a la acera, para inspeccionarlo y retirarlo.',
  },
  tree_trim: {
    name: 'Solicitud de poda de árbol',
    description: 'Un árbol junto a la acera que necesita poda.',
  },
  unwanted_animal: {
    name: 'Animal no deseado',
    description: 'Entregar una mascota que ya no puede cuidar.',
  },
  vacant_abandoned_building: {
    name: 'Queja por edificio desocupado o abandonado',
    description: 'Un edificio desocupado que está abierto, es peligroso o se usa ilegalmente.',
  },
  ventilation_violation: {
    name: 'Infracción de ventilación',
    description: 'Mala ventilación en un edificio.',
  },
  viaduct_light_out: {
    name: 'Queja por luz apagada en viaducto',
    description: 'Las luces debajo de un viaducto están apagadas.',
  },
  vicious_animal: {
    name: 'Queja por animal peligroso',
    description: 'Un animal que atacó o amenaza a personas o mascotas.',
  },
  volunteer_network: {
    name: 'Red de voluntarios',
    description: 'Participe como voluntario con la ciudad.',
  },
  wage_complaint: {
    name: 'Queja sobre salarios',
    description: 'Un empleador que paga menos del salario mínimo o no paga lo que debe.',
  },
  water_on_street: {
    name: 'Queja por agua en la calle',
    description: 'Agua que corre o se encharca en la calle.',
  },
  water_in_basement: {
    name: 'Queja por agua en el sótano',
    description: 'Agua o aguas negras que entran a un sótano.',
  },
  weed_removal: {
    name: 'Solicitud de eliminación de maleza',
    description:
      'Maleza de más de diez pulgadas de alto en un lote baldío o en la franja de césped junto a la acera.',
  },
  wildlife_in_home: {
    name: 'Ayuda con animales salvajes dentro de la vivienda',
    description: 'Un animal salvaje dentro de una casa.',
  },
  wire_basket: {
    name: 'Solicitud de cesto de basura de alambre',
    description: 'Pida un cesto de basura público o reporte uno dañado.',
  },
  wire_down: {
    name: 'Cable caído',
    description:
      'Un cable eléctrico de la ciudad que se cayó. Aléjese; si echa chispas, llame al 911.',
  },
  yard_waste: {
    name: 'Solicitud de recolección de desechos de jardín',
    description: 'Recoger desechos de jardín en bolsas.',
  },
  aircraft_noise: {
    name: 'Queja por ruido de aviones',
    description: "Ruido de aviones que usan los aeropuertos O'Hare o Midway.",
  },
  building_violation: {
    name: 'Infracción en un edificio',
    description: 'Condiciones peligrosas o ilegales dentro o fuera de un edificio.',
  },
  water_quality_concern: {
    name: 'Inquietud sobre la calidad del agua',
    description: 'Agua de la llave con mal aspecto, olor o sabor.',
  },
  water_lead_test_kit: {
    name: 'Solicitud de kit de prueba de plomo en el agua',
    description: 'Un kit gratis para analizar si el agua de su llave tiene plomo.',
  },
  water_lead_test_visit: {
    name: 'Solicitud de visita para prueba de plomo en el agua',
    description: 'Una visita para analizar si el agua de su llave tiene plomo.',
  },
  vehicle_in_bike_lane: {
    name: 'Queja por vehículo estacionado en ciclovía',
    description: 'Un vehículo estacionado o detenido en una ciclovía.',
  },
};

// Choice lists several services share, like the English catalogue's.
const yesNo = { yes: 'Sí', no: 'No' };
const animalType = {
  dog: 'Perro',
  cat: 'Gato',
  bird: 'Ave',
  wildlife: 'Animal salvaje (mapache, zarigüeya, zorrillo…)',
  other: 'Otro',
};
const buildingType = {
  description: 'Tipo de edificio',
  values: {
    single_family: 'Casa unifamiliar',
    two_to_four: '2–4 viviendas',
    five_plus: '5 viviendas o más',
    commercial: 'Comercial o de uso mixto',
    vacant: 'Edificio desocupado',
  },
};
const cartLocation = { alley: 'Callejón', curb: 'Orilla de la acera / calle' };
const lightsOut = {
  description: '¿Cuántas luces están apagadas?',
  values: {
    one: 'Una luz',
    two: 'Dos luces',
    three_plus: 'Tres luces o más',
    whole_block: 'Toda la cuadra',
  },
};
const depth = {
  description: '¿Qué tan profundo es?',
  values: {
    under_2in: 'Menos de 2 pulgadas',
    '2_to_4in': 'De 2 a 4 pulgadas',
    over_4in: 'Más de 4 pulgadas',
  },
};
const occupied = { description: '¿El edificio está ocupado?', values: yesNo };
const unitNumber = { description: 'Número de apartamento o unidad' };
const businessName = { description: 'Si es un negocio, ¿cómo se llama?' };

/**
 * Spanish text of each service's questions: slug → attribute code → prompt and choice labels (keyed
 * by value key).
 */
export const QUESTIONS_ES: Readonly<
  Record<
    string,
    Readonly<Record<string, { description: string; values?: Readonly<Record<string, string>> }>>
  >
> = {
  abandoned_vehicle: {
    vehicle_make: { description: 'Marca del vehículo' },
    vehicle_model: { description: 'Modelo del vehículo' },
    vehicle_color: { description: 'Color del vehículo' },
    license_plate: { description: 'Número de placa' },
    license_state: { description: 'Estado de la placa' },
    days_parked: { description: '¿Cuántos días lleva el vehículo estacionado ahí?' },
    vehicle_condition: {
      description: '¿Qué ve?',
      values: {
        flat_tires: 'Llantas desinfladas o que faltan',
        broken_windows: 'Vidrios rotos',
        no_plates: 'Sin placas o con placas vencidas',
        leaking: 'Pierde líquidos',
        parts_missing: 'Le faltan piezas',
      },
    },
    on_street_or_alley: {
      description: '¿Dónde está estacionado?',
      values: {
        street: 'En la calle',
        alley: 'En el callejón',
        lot: 'En un terreno o estacionamiento',
      },
    },
  },
  alley_light_out: {
    pole_number: { description: 'Número del poste, si lo puede ver' },
    lights_out: lightsOut,
  },
  alley_pothole: {
    depth,
    count: { description: '¿Cuántos baches hay en el callejón?' },
  },
  blue_recycling_cart: {
    cart_request: {
      description: '¿Qué necesita?',
      values: {
        new: 'Un contenedor azul nuevo',
        replace_damaged: 'Reemplazar un contenedor dañado',
        replace_stolen: 'Reemplazar un contenedor robado',
        remove: 'Retirar un contenedor',
      },
    },
    four_units_or_fewer: {
      description: '¿El edificio tiene cuatro viviendas o menos?',
      values: yesNo,
    },
    cart_location: { description: '¿Dónde se debe guardar el contenedor?', values: cartLocation },
  },
  plumbing: {
    plumbing_problem: {
      description: '¿Cuál es el problema de plomería?',
      values: {
        leaking_pipes: 'Fugas en las tuberías',
        sewage_backup: 'Aguas negras que se regresan',
        no_hot_water: 'No hay agua caliente',
        missing_fixtures: 'Falta o está roto el inodoro, el lavabo o la bañera',
        illegal_work: 'Trabajos de plomería sin permiso',
      },
    },
    building_type: buildingType,
    occupied,
    unit_number: unitNumber,
  },
  business_complaint: {
    business_name: { description: 'Nombre del negocio' },
    complaint_type: {
      description: '¿Cuál es la queja?',
      values: {
        no_license: 'Opera sin licencia',
        hours: 'Abre fuera del horario permitido',
        capacity: 'Más gente de la permitida o no sigue las reglas de reapertura',
        noise: 'Ruido del negocio',
        signage: 'Letreros ilegales o uso indebido de la acera',
        other: 'Otro',
      },
    },
    observed_at: { description: '¿Cuándo lo vio?' },
  },
  garbage_cart_maintenance: {
    cart_problem: {
      description: '¿Qué problema tiene el contenedor?',
      values: {
        damaged_lid: 'Tapa dañada o que falta',
        damaged_wheels: 'Ruedas o eje dañados',
        cracked: 'Contenedor agrietado o roto',
        missing: 'Perdido',
        stolen: 'Robado',
        additional: 'Necesito otro contenedor',
      },
    },
    cart_size: {
      description: 'Tamaño del contenedor',
      values: { '96': '96 galones (estándar)', '64': '64 galones', unknown: 'No sé' },
    },
    cart_location: { description: '¿Dónde se guarda el contenedor?', values: cartLocation },
    dwelling_units: { description: '¿Cuántas viviendas hay en el edificio?' },
  },
  graffiti_removal: {
    surface_type: {
      description: '¿Sobre qué está el grafiti?',
      values: {
        brick: 'Ladrillo o piedra',
        painted: 'Superficie pintada',
        metal: 'Metal (puerta, caja, poste)',
        wood: 'Madera',
        glass: 'Vidrio',
        concrete: 'Concreto',
        vinyl_siding: 'Revestimiento de vinilo o aluminio',
        other: 'Otro',
      },
    },
    location_on_property: {
      description: '¿Dónde está el grafiti?',
      values: {
        front: 'Frente del edificio',
        side: 'Costado del edificio',
        rear: 'Parte de atrás del edificio',
        garage: 'Garaje',
        fence: 'Cerca o muro',
        pole_box: 'Poste, caja de servicios o buzón',
        viaduct: 'Viaducto o puente',
        sidewalk_street: 'Acera o calle',
      },
    },
    size: {
      description: '¿Qué tamaño tiene?',
      values: {
        small: 'Menos de 2 × 2 pies',
        medium: 'Hasta 10 × 10 pies',
        large: 'Más de 10 × 10 pies',
      },
    },
    offensive: { description: '¿Es obsceno, racista o de pandillas?', values: yesNo },
    above_first_floor: {
      description: '¿Hay alguna parte más arriba del primer piso?',
      values: yesNo,
    },
  },
  ice_snow_removal: {
    street_type: {
      description: '¿Dónde hay que quitar la nieve o echar sal?',
      values: {
        residential: 'Calle residencial',
        arterial: 'Calle principal (arteria)',
        alley: 'Callejón',
        bridge: 'Puente o viaducto',
        cul_de_sac: 'Calle cerrada o sin salida',
      },
    },
    impassable: { description: '¿La calle está intransitable?', values: yesNo },
    condition: {
      description: '¿En qué condición está?',
      values: { snow: 'Nieve sin quitar', ice: 'Hielo', both: 'Nieve y hielo' },
    },
  },
  missed_garbage_pickup: {
    cart_location: { description: '¿Dónde sacó el contenedor?', values: cartLocation },
    set_out_on_time: {
      description: '¿Sacó el contenedor a más tardar a las 7 de la mañana del día de recolección?',
      values: yesNo,
    },
    carts_missed: { description: '¿Cuántos contenedores no se recogieron?' },
    lid_closed: {
      description: '¿La tapa estaba cerrada, sin nada junto al contenedor?',
      values: yesNo,
    },
  },
  pothole: {
    location_on_street: {
      description: '¿En qué parte de la calle está el bache?',
      values: {
        traffic_lane: 'Carril de circulación',
        curb_lane: 'Carril junto a la acera (al lado de los carros estacionados)',
        crosswalk: 'Cruce peatonal',
        bike_lane: 'Ciclovía',
        intersection: 'Intersección',
      },
    },
    depth,
    count: { description: '¿Cuántos baches hay en esta cuadra?' },
  },
  recycling_pickup: {
    cart_location: { description: '¿Dónde sacó el contenedor azul?', values: cartLocation },
    contamination_tag: {
      description: '¿Había una etiqueta que decía que el contenedor estaba contaminado?',
      values: yesNo,
    },
    weeks_missed: { description: '¿Cuántas recolecciones seguidas no se hicieron?' },
  },
  injured_animal_report: {
    animal_type: { description: '¿Qué tipo de animal?', values: animalType },
    animal_location: {
      description: '¿Dónde está el animal?',
      values: {
        street: 'Calle o callejón',
        yard: 'Patio',
        building: 'Dentro de un edificio',
        park: 'Parque',
      },
    },
    can_move: { description: '¿El animal se puede mover?', values: yesNo },
  },
  rats: {
    where_seen: {
      description: '¿Dónde vio ratas?',
      values: {
        yard: 'Patio',
        alley: 'Callejón',
        building: 'Dentro de un edificio',
        garbage_area: 'Cerca de los contenedores de basura',
        sewer: 'Alcantarilla o desagüe',
        vacant_lot: 'Lote baldío',
        parkway: 'Franja de césped junto a la acera',
      },
    },
    burrows_seen: { description: '¿Ha visto hoyos de ratas (madrigueras)?', values: yesNo },
    dog_in_yard: {
      description: '¿Hay un perro en el patio? (el personal de la ciudad necesita entrar al patio)',
      values: yesNo,
    },
    yard_access: {
      description: '¿Puede entrar al patio el personal de la ciudad (puerta sin candado)?',
      values: yesNo,
    },
  },
  sanitation_code_violation: {
    violation: {
      description: '¿Cuál es la infracción?',
      values: {
        overflowing_dumpster: 'Contenedor grande de basura desbordado o destapado',
        garbage_in_yard: 'Basura en un patio',
        loose_garbage: 'Basura suelta fuera del contenedor',
        dog_feces: 'Excremento de perro en un patio',
        construction_debris: 'Escombros de construcción',
        grease: 'Grasa o restos de comida',
        other: 'Otro',
      },
    },
    property_type: {
      description: '¿Es una vivienda o un negocio?',
      values: { residential: 'Vivienda', business: 'Negocio', vacant: 'Propiedad desocupada' },
    },
    business_name: businessName,
  },
  sign_repair_stop: {
    sign_problem: {
      description: '¿Qué problema tiene el letrero de alto?',
      values: {
        down: 'Derribado',
        missing: 'Falta',
        turned: 'Girado hacia el lado equivocado',
        faded: 'Desteñido o dañado',
        blocked: 'Tapado por un árbol u otro objeto',
      },
    },
    corner: {
      description: '¿En qué esquina de la intersección?',
      values: { ne: 'Noreste', nw: 'Noroeste', se: 'Sureste', sw: 'Suroeste' },
    },
  },
  snow_uncleared_sidewalk: {
    property_type: {
      description: '¿Frente a qué tipo de propiedad está la acera?',
      values: {
        residential: 'Residencial',
        commercial: 'Negocio',
        vacant: 'Lote o edificio desocupado',
        city: 'Propiedad de la ciudad (parque, escuela, biblioteca)',
      },
    },
    is_corner: { description: '¿Es una propiedad de esquina (incluida la rampa)?', values: yesNo },
    business_name: businessName,
  },
  stray_animal: {
    animal_type: { description: '¿Qué tipo de animal?', values: animalType },
    confined: {
      description: '¿El animal está encerrado (en un patio, garaje o trampa)?',
      values: yesNo,
    },
    aggressive: { description: '¿El animal es agresivo?', values: yesNo },
    animal_description: { description: 'Describa el animal (tamaño, color, collar)' },
  },
  street_light_out: {
    pole_number: { description: 'Número del poste (en una etiqueta del poste), si lo puede ver' },
    lights_out: lightsOut,
    light_behaviour: {
      description: '¿La luz está totalmente apagada o se prende y se apaga?',
      values: { out: 'Totalmente apagada', cycling: 'Se prende y se apaga', dim: 'Muy débil' },
    },
  },
  traffic_signal_out: {
    signal_problem: {
      description: '¿Qué problema tienen los semáforos?',
      values: {
        all_out: 'Todas las luces están apagadas',
        flashing: 'Parpadea en rojo o amarillo',
        stuck: 'Se quedó en un solo color',
        red_out: 'Luz roja apagada',
        green_out: 'Luz verde apagada',
        yellow_out: 'Luz amarilla apagada',
        arrow_out: 'Flecha de vuelta apagada',
        pedestrian_out: 'Semáforo peatonal apagado',
        knocked_down: 'Semáforo derribado o girado',
      },
    },
    all_directions: {
      description: '¿Los semáforos están apagados en todas las direcciones?',
      values: yesNo,
    },
    directions_affected: {
      description: '¿Qué direcciones están afectadas?',
      values: {
        northbound: 'Hacia el norte',
        southbound: 'Hacia el sur',
        eastbound: 'Hacia el este',
        westbound: 'Hacia el oeste',
      },
    },
  },
  vicious_animal: {
    animal_type: { description: '¿Qué tipo de animal?', values: animalType },
    bite: { description: '¿El animal ha mordido a alguien?', values: yesNo },
    animal_location: {
      description: '¿Dónde está el animal ahora?',
      values: {
        loose: 'Anda suelto',
        yard: 'En un patio',
        indoors: 'Dentro de una casa o edificio',
        unknown: 'No sé',
      },
    },
    owner_known: { description: '¿Sabe quién es el dueño?', values: yesNo },
  },
  aircraft_noise: {
    airport: {
      description: '¿Qué aeropuerto está usando el avión?',
      values: {
        ohare: "Internacional O'Hare",
        midway: 'Internacional Midway',
        unknown: 'No sé',
      },
    },
    noise_type: {
      description: '¿Qué tipo de ruido?',
      values: {
        arrival: 'Aviones que llegan (aterrizajes)',
        departure: 'Aviones que salen (despegues)',
        engine_runup: 'Prueba de motores en tierra',
        helicopter: 'Helicóptero',
        other: 'Otro',
      },
    },
    event_time: { description: '¿Cuándo lo oyó?' },
    event_count: { description: '¿Cuántos aviones lo molestaron?' },
  },
  building_violation: {
    problems: {
      description: '¿Qué problemas ve?',
      values: {
        structural: 'Paredes, cimientos o techo peligrosos',
        porch_stairs: 'Porche o escaleras peligrosos',
        windows_doors: 'Ventanas o puertas rotas',
        roof_leak: 'Goteras en el techo',
        mold: 'Moho o humedad',
        pests: 'Insectos o roedores adentro',
        no_heat: 'No hay calefacción',
        smoke_detectors: 'Faltan detectores de humo o de monóxido de carbono',
        illegal_conversion: 'Viviendas ilegales o conversión sin permiso',
        other: 'Otro',
      },
    },
    building_type: buildingType,
    occupied,
    unit_number: unitNumber,
    owner_aware: { description: '¿Ya le avisaron al dueño o al administrador?', values: yesNo },
  },
};
