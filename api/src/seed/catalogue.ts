/**
 * Chicago's service catalogue as data: which department owns each Open311 service code, how it is
 * grouped for residents, the words (English and Spanish) that find it, the questions its form asks
 * and its service-level target. The codes and names themselves come from the city's Open311 list
 * (`chicago_open311_service_codes.json` or the live `services.json`); this module adds what the list
 * does not carry, keyed by the list's slug.
 *
 * Terminology:
 * - service code: Chicago's Open311 `service_code` (a 24-hex id), or, for the few request types the
 *   data portal has but the Open311 list lacks, the portal's own short code (`AVN`, `BBA`, …).
 * - portal type: the `sr_type` string of the data portal's "311 Service Requests" dataset. Its names
 *   differ from the Open311 names in places, so {@link CSV_TYPE_TO_SLUG} maps them explicitly.
 */
import type {
  AttributeDatatype,
  AttributeValue,
  ServiceType,
} from '../modules/service-definition/service-definition.entity.js';

/** One entry of Chicago's Open311 service list as stored in the shared data folder. */
export interface OpenServiceCode {
  slug: string;
  service_code: string;
  service_name: string;
}

/** A city department that owns services. */
export interface AgencySeed {
  code: string;
  name: string;
}

/**
 * The departments behind Chicago 311, with their real names. `OTHER` stands for the portal's
 * "Outside Agencies" (contractors such as Divvy).
 */
export const AGENCIES: readonly AgencySeed[] = [
  { code: '311', name: '311 City Services' },
  { code: 'CDOT', name: 'Chicago Department of Transportation' },
  { code: 'DSS', name: 'Department of Streets and Sanitation' },
  { code: 'DOB', name: 'Department of Buildings' },
  { code: 'DWM', name: 'Department of Water Management' },
  { code: 'CACC', name: 'Chicago Animal Care and Control' },
  { code: 'BACP', name: 'Department of Business Affairs and Consumer Protection' },
  { code: 'CDPH', name: 'Chicago Department of Public Health' },
  { code: 'AVIATION', name: 'Chicago Department of Aviation' },
  { code: 'DOH', name: 'Department of Housing' },
  { code: 'CLERK', name: 'Office of the City Clerk' },
  { code: 'FSS', name: 'Department of Family and Support Services' },
  { code: 'CFD', name: 'Chicago Fire Department' },
  { code: 'CPD', name: 'Chicago Police Department' },
  { code: '2FM', name: 'Department of Fleet and Facility Management' },
  { code: 'PARKS', name: 'Chicago Park District' },
  { code: 'CTA', name: 'Chicago Transit Authority' },
  { code: 'CPS', name: 'Chicago Public Schools' },
  { code: 'CHA', name: 'Chicago Housing Authority' },
  { code: 'OTHER', name: 'Outside Agencies' },
];

/** The groups residents browse by, in display order. */
export const SERVICE_GROUPS = {
  streets: 'Streets & Transportation',
  sanitation: 'Sanitation & Garbage',
  graffiti: 'Graffiti & Vandalism',
  trees: 'Trees',
  lights: 'Street Lights & Signals',
  animals: 'Animals',
  buildings: 'Buildings & Housing',
  water: 'Water & Sewer',
  vehicles: 'Vehicles & Parking',
  business: 'Business & Consumer',
  health: 'Health & Environment',
  info: 'Information & Other',
} as const;
type GroupKey = keyof typeof SERVICE_GROUPS;

/** One question of a service form, as seeded into `service_attributes`. */
export interface AttributeSeed {
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  description: string;
  order: number;
  values: AttributeValue[];
}

/** A fully described service definition, ready to upsert. */
export interface ServiceSeed {
  code: string;
  slug: string;
  name: string;
  description: string;
  group: string;
  keywords: string[];
  agencyCode: string;
  type: ServiceType;
  isPrivate: boolean;
  slaDays: number | null;
  attributes: AttributeSeed[];
}

/** [group, agency code, description?] for one slug of the Open311 list. */
type Placement = readonly [GroupKey, string, string?];

/**
 * Every slug of Chicago's Open311 list placed in a group and a department. Written out one by one
 * (not derived by pattern) so that a reader can check each line against the city's own routing.
 */
const PLACEMENTS: Record<string, Placement> = {
  abandoned_vehicle: [
    'vehicles',
    'DSS',
    'A vehicle that has not moved for a long time, looks inoperable or has no valid plates.',
  ],
  affordable_rental_housing_list: [
    'buildings',
    'DOH',
    'Ask for the list of affordable rental housing in Chicago.',
  ],
  air_conditioning_violation: [
    'buildings',
    'DOB',
    'Air conditioning or refrigeration equipment that is unsafe or not working in a building that must provide it.',
  ],
  air_pollution: [
    'health',
    'CDPH',
    'Smoke, odour or dust from a business, construction site or other source.',
  ],
  alley_grading: ['streets', 'CDOT', 'An unpaved alley that needs grading.'],
  alley_light_out: ['lights', 'CDOT', 'One or more lights in an alley are out.'],
  alley_pothole: ['streets', 'CDOT', 'A pothole in a paved alley.'],
  alley_sewer: ['water', 'DWM', 'A clogged or damaged sewer in an alley.'],
  animal_abandoned: ['animals', 'CACC', 'An animal left without food, water or care.'],
  animal_business: [
    'animals',
    'CACC',
    'A pet shop, kennel or groomer keeping animals in poor conditions.',
  ],
  animal_fighiting: ['animals', 'CACC', 'Suspected dog fighting or other animal fighting.'],
  animal_trap: ['animals', 'CACC', 'An animal caught in a trap that needs to be picked up.'],
  asbestos: ['health', 'CDPH', 'Asbestos removal done without permits or safeguards.'],
  bees_wasps: ['animals', 'DSS', 'A bee or wasp nest on public property.'],
  bicycle_request: ['streets', 'CDOT', 'Bike racks, bike lanes and other bicycle facilities.'],
  bike_lane_post: ['streets', 'CDOT', 'A damaged or missing flexible post along a bike lane.'],
  black_garbage_cart_removal: [
    'sanitation',
    'DSS',
    'Take away an extra or unwanted black garbage cart.',
  ],
  blue_recycling_cart: [
    'sanitation',
    'DSS',
    'Ask for a blue recycling cart, or report a damaged one.',
  ],
  board_of_education: ['info', 'CPS', 'Questions and concerns for Chicago Public Schools.'],
  bridges: ['streets', 'CDOT', 'Damage to a bridge or viaduct.'],
  public_facility: ['buildings', 'DOB', 'Unsafe conditions in a building open to the public.'],
  boiler: ['buildings', 'DOB', 'A boiler that is unsafe or not inspected.'],
  electrical: [
    'buildings',
    'DOB',
    'Exposed wiring, overloaded circuits or other electrical hazards in a building.',
  ],
  elevator: ['buildings', 'DOB', 'An elevator or escalator that is out of service or unsafe.'],
  furnace: ['buildings', 'DOB', 'A furnace that is unsafe or not working.'],
  plumbing: [
    'buildings',
    'DOB',
    'Leaking pipes, sewage back-ups or missing fixtures inside a building.',
  ],
  bulk_pickup: ['sanitation', 'DSS', 'Pick up furniture, appliances or other large items.'],
  vintage_home: [
    'buildings',
    'DOH',
    'Information about the Chicago Bungalow and vintage home programmes.',
  ],
  business_complaint: [
    'business',
    'BACP',
    'A business operating without a licence or breaking licence rules.',
  ],
  cdot_constrcution: ['streets', 'CDOT', 'Problems caused by construction work in the public way.'],
  cdot_electrical: [
    'lights',
    'CDOT',
    'Problems caused by street light or signal construction work.',
  ],
  cha: ['buildings', 'CHA', 'Questions and concerns for the Chicago Housing Authority.'],
  taxi: ['vehicles', 'BACP', 'Compliments or complaints about a taxi ride.'],
  cable_cut: ['lights', 'CDOT', 'A cut or exposed city electrical cable.'],
  cable_tv: ['business', 'BACP', 'Complaints about a cable television provider.'],
  check_for_leak: ['water', 'DWM', 'Water leaking from a main, service line or meter.'],
  city_clerk_feedback: ['info', 'CLERK', 'Feedback for the Office of the City Clerk.'],
  city_electrical_vault: ['lights', 'CDOT', 'A damaged or open city electrical vault.'],
  city_vehicle_sticker_violation: [
    'vehicles',
    'CLERK',
    'A vehicle registered in Chicago without a city vehicle sticker.',
  ],
  vacant_lot: ['sanitation', 'DSS', 'A vacant lot full of garbage, debris or weeds.'],
  green_program: ['sanitation', 'DSS', 'Tools and help for a neighbourhood clean-up.'],
  fire_safety: ['buildings', 'CFD', 'A fire safety inspection of a commercial building.'],
  city_vehicle_condition: ['vehicles', '2FM', 'A city vehicle that looks damaged or unsafe.'],
  construction_complaint: [
    'health',
    'CDPH',
    'Dust, debris or noise from construction or demolition.',
  ],
  consumer_fraud: ['business', 'BACP', 'A business that deceived or cheated you.'],
  consumer_business: ['business', 'BACP', 'A problem with a purchase from a retail business.'],
  coyote: ['animals', 'CACC', 'A coyote that approached people or pets.'],
  crisis_referral: ['info', 'FSS', 'Help for a person in crisis.'],
  daycare_center: ['health', 'CDPH', 'Health or safety concerns at a daycare centre.'],
  dead_animal_pickup: ['animals', 'DSS', 'A dead animal on the street, alley or parkway.'],
  dead_bird: ['animals', 'CDPH', 'A dead bird, collected for West Nile virus testing.'],
  disabled_parking: ['vehicles', 'CDOT', 'Ask for or report a disabled parking sign.'],
  divvy_bike_parking: ['vehicles', 'OTHER', 'A Divvy bike parked where it blocks the way.'],
  escooter_parking: [
    'vehicles',
    'CDOT',
    'An e-scooter parked where it blocks the sidewalk or street.',
  ],
  electrical_sign_inspection: ['buildings', 'DOB', 'An electrical sign that may be unsafe.'],
  equipment_noise: [
    'health',
    'CDPH',
    'Noise from equipment such as generators, compressors or air handlers.',
  ],
  fire_assistance: [
    'info',
    'CFD',
    'Non-emergency help from the Fire Department. Call 911 in an emergency.',
  ],
  fire_miscellaneous: ['info', 'CFD', 'Other non-emergency questions for the Fire Department.'],
  flooded_viaduct: ['water', 'DWM', 'Water standing under a viaduct.'],
  fly_dump_tires: ['sanitation', 'DSS', 'Tires dumped on public or private property.'],
  fly_dumping: ['sanitation', 'DSS', 'Construction debris, furniture or trash dumped illegally.'],
  furniture_repair_cta: ['streets', 'CTA', 'A damaged CTA bench or bus shelter.'],
  garbage_cart_maintenance: [
    'sanitation',
    'DSS',
    'A black garbage cart that is damaged, missing or stolen.',
  ],
  gas_station: ['health', 'CDPH', 'Leaks, spills or odours at a gas station or storage tank.'],
  graffiti_removal: [
    'graffiti',
    'DSS',
    'Paint or markings on a building, fence, pole or other surface.',
  ],
  groceries: ['info', 'FSS', 'Help getting groceries delivered.'],
  guardrail_maintenance: ['streets', 'CDOT', 'A damaged guardrail or crash barrier.'],
  gym_shoe_electrical_wire: [
    'graffiti',
    'CDOT',
    'Shoes or other objects hanging from an electrical wire.',
  ],
  health_club: ['business', 'BACP', 'A problem with a health club or gym membership.'],
  home_buyer_program_info: [
    'buildings',
    'DOH',
    'Information about home buyer assistance programmes.',
  ],
  homeless_prevention: ['info', 'FSS', 'Help to avoid losing your home.'],
  hotel_motel_health_dept: ['health', 'CDPH', 'Health or sanitation problems at a hotel or motel.'],
  housing_inquiries: ['buildings', 'DOH', 'Questions about city housing programmes.'],
  how_is_my_driving: ['vehicles', '2FM', 'How a city vehicle was being driven.'],
  hydrant_cap_missing: ['water', 'DWM', 'A fire hydrant with a missing cap.'],
  hydrant_check: ['water', 'DWM', 'A fire hydrant that looks damaged or leaks.'],
  ice_snow_removal: ['streets', 'DSS', 'A street that needs plowing or salting.'],
  illegal_dumping: ['sanitation', 'CDPH', 'Dumping of waste by a business or contractor.'],
  in_ground_pedestrian_crossing: [
    'streets',
    'CDOT',
    'A damaged in-street "Stop for pedestrians" sign.',
  ],
  inaccurate_fuel_pump: ['business', 'BACP', 'A fuel pump that charges for more than it delivers.'],
  inaccurate_retail_scales: ['business', 'BACP', 'A store scale that weighs wrong.'],
  inspect_public_way: [
    'streets',
    'CDOT',
    'Damage or obstructions on the street, sidewalk or parkway.',
  ],
  landscape_median_maintenance: ['trees', 'CDOT', 'Overgrown or damaged landscaping on a median.'],
  lead_inspection: ['health', 'CDPH', 'Inspect a home for lead paint hazards.'],
  licensed_pharmaceutical_rep: [
    'business',
    'BACP',
    'A pharmaceutical representative working without a licence.',
  ],
  liquor_establishment: [
    'business',
    'BACP',
    'A bar, tavern or liquor store breaking its licence rules.',
  ],
  locate_service_bbox: ['water', 'DWM', 'Find a water main, service line, b-box or meter vault.'],
  low_water_pressure: ['water', 'DWM', 'Water pressure at your tap is low.'],
  midway_customer_service: [
    'info',
    'AVIATION',
    'Customer service at Midway International Airport.',
  ],
  midway_facilities: ['info', 'AVIATION', 'A facility problem at Midway International Airport.'],
  missed_garbage_pickup: ['sanitation', 'DSS', 'Garbage was not collected on your pickup day.'],
  missing_lid_grate_cover: [
    'water',
    'DWM',
    'A missing or broken manhole lid, catch basin grate or cover.',
  ],
  mobile_food_vehicle: ['business', 'BACP', 'A food truck breaking its licence rules.'],
  mosquito_spraying_inquiries: [
    'health',
    'CDPH',
    'Questions about mosquito spraying and West Nile virus.',
  ],
  construction_rodent_inspection: [
    'sanitation',
    'DSS',
    'Rats seen near new excavation or construction.',
  ],
  no_air_conditioning: [
    'buildings',
    'DOB',
    'No air conditioning where the building must provide it.',
  ],
  no_building_permit: ['buildings', 'DOB', 'Construction or demolition without a building permit.'],
  no_solicitation: [
    'business',
    'BACP',
    'Solicitors at a home or business that posted "No Solicitation".',
  ],
  no_vehicle_idling: ['health', 'CDPH', 'A diesel vehicle idling for a long time.'],
  no_water: ['water', 'DWM', 'No water at the tap.'],
  nuisance_animal: ['animals', 'CACC', 'An animal causing a nuisance, such as constant barking.'],
  ohare_customer_service: ['info', 'AVIATION', "Customer service at O'Hare International Airport."],
  ohare_facilities: ['info', 'AVIATION', "A facility problem at O'Hare International Airport."],
  open_fire_hydrant: ['water', 'DWM', 'A fire hydrant left open.'],
  outdated_merchandise: [
    'business',
    'BACP',
    'A store selling food or goods past their expiry date.',
  ],
  paid_sick_leave: ['business', 'BACP', 'An employer denying paid sick leave.'],
  park_repair_maintenance: ['info', 'PARKS', 'Something broken or unsafe in a park.'],
  park_rodent_abatement: ['sanitation', 'PARKS', 'Rats seen in a park.'],
  pavement_buckle_repair: ['streets', 'CDOT', 'Pavement that has buckled or heaved.'],
  pet_wellness_check: ['animals', 'CACC', 'Check on a pet that may be in distress.'],
  police_misc: [
    'info',
    'CPD',
    'Non-emergency questions for the Police Department. Call 911 in an emergency.',
  ],
  porch_inspection: ['buildings', 'DOB', 'A porch or deck that looks unsafe.'],
  pothole: ['streets', 'CDOT', 'A hole in the pavement of a street.'],
  bike_lane_debris_removal: [
    'streets',
    'CDOT',
    'Glass, leaves or debris in a protected bike lane.',
  ],
  public_vehicle: [
    'vehicles',
    'BACP',
    'A problem with a valet, limousine, pedicab or other public vehicle.',
  ],
  pushcart_food_vendor: ['business', 'BACP', 'A pushcart food vendor breaking licence rules.'],
  recycling_inspection: ['sanitation', 'DSS', 'A building that does not provide recycling.'],
  recycling_pickup: ['sanitation', 'DSS', 'The blue recycling cart was not collected.'],
  red_light_camera: ['vehicles', 'CDOT', 'Questions about a red light camera.'],
  relocated_vehicle: ['vehicles', 'DSS', 'Find a vehicle the city moved.'],
  relocation: ['info', 'FSS', 'Help moving after a fire, eviction or emergency.'],
  renters_foreclosure: ['buildings', 'DOH', 'Renters affected by a foreclosure.'],
  injured_animal_report: ['animals', 'CACC', 'An injured animal that needs help.'],
  water_shut_off_occupied: ['water', 'DWM', 'Shut off water to an occupied building.'],
  water_shut_off_vacant: ['water', 'DWM', 'Shut off water to a vacant building.'],
  fire_hydrant_custodian: [
    'water',
    'DWM',
    'Put a custodian on a fire hydrant for a block party or event.',
  ],
  restaurant: ['health', 'CDPH', 'Food safety or sanitation problems at a restaurant.'],
  ridesharing: ['vehicles', 'BACP', 'A problem with a rideshare (Uber, Lyft) trip or driver.'],
  rats: ['sanitation', 'DSS', 'Rats seen outside; the city baits the area.'],
  sanitation_code_violation: [
    'sanitation',
    'DSS',
    'Overflowing dumpsters, garbage in yards or other sanitation code violations.',
  ],
  sanitation_tire_pickup: ['sanitation', 'DSS', 'Pick up tires left at the curb or in the alley.'],
  sewer_cave_in_inspection: ['water', 'DWM', 'Pavement sinking or caving in over a sewer.'],
  sewer_cleaning_inspection: ['water', 'DWM', 'A clogged sewer or catch basin.'],
  sewer_outfall_investigation: ['water', 'DWM', 'Discharge from a sewer outfall into a waterway.'],
  shared_cost_sidewalk: ['streets', 'CDOT', 'Replace a sidewalk, sharing the cost with the city.'],
  vacation_rental: ['business', 'BACP', 'A problem with a short-term or vacation rental.'],
  shelter: ['info', 'FSS', 'A place to stay tonight.'],
  sidewalk_cafe: ['business', 'BACP', 'A sidewalk café breaking its permit rules.'],
  sidewalk_inspection: ['streets', 'CDOT', 'A broken, raised or sunken sidewalk.'],
  sign_loading_standing_zone: [
    'vehicles',
    'CDOT',
    'Install, change or remove a loading or standing zone sign.',
  ],
  sign_repair_base_bolt_removal: [
    'streets',
    'CDOT',
    'The base or bolts of a removed sign left in the sidewalk.',
  ],
  sign_repair_all_other_signs: ['streets', 'CDOT', 'A damaged, missing or faded traffic sign.'],
  sign_repair_do_not_enter: ['streets', 'CDOT', 'A damaged or missing "Do Not Enter" sign.'],
  sign_repair_one_way: ['streets', 'CDOT', 'A damaged or missing "One Way" sign.'],
  sign_repair_residential_parking: [
    'vehicles',
    'CDOT',
    'A damaged or missing residential permit parking sign.',
  ],
  sign_repair_stop: ['streets', 'CDOT', 'A stop sign that is down, missing, turned or hidden.'],
  ramps_and_repairs_for_seniors: [
    'buildings',
    'DOH',
    'Small repairs and ramps for seniors in their homes.',
  ],
  smokeless_tobacco: ['health', 'CDPH', 'Smokeless tobacco used at a sports event.'],
  smoking_food_establishment: ['health', 'CDPH', 'Smoking inside a restaurant or food business.'],
  smoking_non_food_establishment: ['health', 'CDPH', 'Smoking inside another indoor public place.'],
  snow_object_dibs_removal: [
    'streets',
    'DSS',
    'Chairs or other objects saving a shovelled parking spot.',
  ],
  snow_protected_bike_lane: [
    'streets',
    'CDOT',
    'Snow in a protected bike lane or on a bridge sidewalk.',
  ],
  snow_uncleared_sidewalk: [
    'streets',
    'CDOT',
    'A sidewalk the property owner has not cleared of snow or ice.',
  ],
  speed_camera: ['vehicles', 'CDOT', 'Questions about a speed camera.'],
  speed_hump_repair: ['streets', 'CDOT', 'A damaged speed hump.'],
  spills_or_dumping: [
    'health',
    'CDPH',
    'Spills or dumping into the river, lake or other waterway.',
  ],
  stray_animal: ['animals', 'CACC', 'A loose dog, cat or other animal.'],
  street_cleaning: ['sanitation', 'DSS', 'A street that needs sweeping.'],
  street_light_on_during_day: ['lights', 'CDOT', 'A street light that stays on during the day.'],
  street_light_out: ['lights', 'CDOT', 'One or more street lights are out.'],
  street_light_pole_damage: [
    'lights',
    'CDOT',
    'A street light pole that is damaged, leaning or knocked down.',
  ],
  street_light_pole_door_missing: [
    'lights',
    'CDOT',
    'The access door at the base of a light pole is missing.',
  ],
  street_paint_marking: [
    'streets',
    'CDOT',
    'Faded crosswalks, lane lines or other street markings.',
  ],
  swimming_pool_insp: ['health', 'CDPH', 'Health or safety problems at a swimming pool.'],
  tanning_and_body_art: [
    'health',
    'CDPH',
    'Health problems at a tanning, tattoo or piercing business.',
  ],
  tobacco_general: ['business', 'BACP', 'A business selling tobacco against the rules.'],
  tobacco_sale_to_minors: ['business', 'BACP', 'A business selling tobacco to people under 21.'],
  toxic_hazardous_materials: [
    'health',
    'CDPH',
    'Toxic or hazardous materials stored or dumped unsafely.',
  ],
  traffic_calming_devices: [
    'streets',
    'CDOT',
    'An existing traffic calming device that needs repair.',
  ],
  traffic_signal_out: ['lights', 'CDOT', 'A traffic signal that is dark, stuck or flashing.'],
  traffic_signal_timing: ['lights', 'CDOT', 'A traffic signal whose timing seems wrong.'],
  trap_pickup: ['animals', 'CACC', 'Pick up a borrowed animal trap.'],
  tree_debris_cleanup: ['trees', 'DSS', 'Branches or debris from a city tree.'],
  tree_emergency: ['trees', 'DSS', 'A fallen tree or limb blocking the street or on a wire.'],
  tree_planting: ['trees', 'DSS', 'Plant a tree in the parkway.'],
  tree_removal: ['trees', 'DSS', 'A dead or dying parkway tree to be inspected for removal.'],
  tree_trim: ['trees', 'DSS', 'A parkway tree that needs trimming.'],
  unwanted_animal: ['animals', 'CACC', 'Surrender a pet you can no longer keep.'],
  vacant_abandoned_building: [
    'buildings',
    'DOB',
    'A vacant building that is open, unsafe or used illegally.',
  ],
  ventilation_violation: ['buildings', 'DOB', 'Poor ventilation in a building.'],
  viaduct_light_out: ['lights', 'CDOT', 'Lights under a viaduct are out.'],
  vicious_animal: ['animals', 'CACC', 'An animal that attacked or threatens people or pets.'],
  volunteer_network: ['info', '311', 'Volunteer with the city.'],
  wage_complaint: [
    'business',
    'BACP',
    'An employer paying less than the minimum wage or withholding pay.',
  ],
  water_on_street: ['water', 'DWM', 'Water running or pooling on the street.'],
  water_in_basement: ['water', 'DWM', 'Water or sewage coming into a basement.'],
  weed_removal: ['sanitation', 'DSS', 'Weeds taller than ten inches on a vacant lot or parkway.'],
  wildlife_in_home: ['animals', 'CACC', 'A wild animal inside a home.'],
  wire_basket: ['sanitation', 'DSS', 'Ask for a public litter basket or report a damaged one.'],
  wire_down: ['lights', 'CDOT', 'A fallen city electrical wire. Stay away; call 911 if it sparks.'],
  yard_waste: ['sanitation', 'DSS', 'Pick up bagged yard waste.'],
};

/**
 * Request types the data portal carries that Chicago's Open311 list lacks. Their code is the
 * portal's own `sr_short_code`, so imported history and new reports land on the same definition.
 */
export const SUPPLEMENTAL_SERVICES: readonly (OpenServiceCode & { placement: Placement })[] = [
  {
    service_code: 'AVN',
    slug: 'aircraft_noise',
    service_name: 'Aircraft Noise Complaint',
    placement: ['health', 'AVIATION', "Noise from aircraft using O'Hare or Midway airport."],
  },
  {
    service_code: 'BBA',
    slug: 'building_violation',
    service_name: 'Building Violation',
    placement: ['buildings', 'DOB', 'Unsafe or illegal conditions in or on a building.'],
  },
  {
    service_code: 'WCA',
    slug: 'water_quality_concern',
    service_name: 'Water Quality Concern',
    placement: ['water', 'DWM', 'Tap water that looks, smells or tastes wrong.'],
  },
  {
    service_code: 'WCA2',
    slug: 'water_lead_test_kit',
    service_name: 'Water Lead Test Kit Request',
    placement: ['water', 'DWM', 'A free kit to test your tap water for lead.'],
  },
  {
    service_code: 'WCA3',
    slug: 'water_lead_test_visit',
    service_name: 'Water Lead Test Visit Request',
    placement: ['water', 'DWM', 'A visit to test your tap water for lead.'],
  },
  {
    service_code: 'VBL',
    slug: 'vehicle_in_bike_lane',
    service_name: 'Vehicle Parked in Bike Lane Complaint',
    placement: ['vehicles', 'CDOT', 'A vehicle parked or standing in a bike lane.'],
  },
];

/**
 * Open311 `batch` services: answered later through a token rather than at once. Aircraft noise
 * complaints are logged by the airports' noise office in bulk; vintage home information requests are
 * answered by mail. Everything else is `realtime`.
 */
export const BATCH_SLUGS: ReadonlySet<string> = new Set(['aircraft_noise', 'vintage_home']);

/**
 * Sensitive categories: the request reveals a person's situation (crisis, homelessness), so it
 * stays off the public map and out of exports.
 */
export const PRIVATE_SLUGS: ReadonlySet<string> = new Set([
  'crisis_referral',
  'shelter',
  'homeless_prevention',
  'relocation',
]);

const yesNo: AttributeValue[] = [
  { key: 'yes', name: 'Yes' },
  { key: 'no', name: 'No' },
];

function values(pairs: readonly (readonly [string, string])[]): AttributeValue[] {
  return pairs.map(([key, name]) => ({ key, name }));
}

type Question = Omit<AttributeSeed, 'order' | 'required' | 'values'> & {
  required?: boolean;
  values?: AttributeValue[];
};

function questions(list: Question[]): AttributeSeed[] {
  return list.map((q, index) => ({
    code: q.code,
    datatype: q.datatype,
    required: q.required ?? false,
    description: q.description,
    order: index + 1,
    values: q.values ?? [],
  }));
}

const animalType = values([
  ['dog', 'Dog'],
  ['cat', 'Cat'],
  ['bird', 'Bird'],
  ['wildlife', 'Wild animal (raccoon, opossum, skunk…)'],
  ['other', 'Other'],
]);

const buildingType = values([
  ['single_family', 'Single-family home'],
  ['two_to_four', '2–4 units'],
  ['five_plus', '5 or more units'],
  ['commercial', 'Commercial or mixed use'],
  ['vacant', 'Vacant building'],
]);

const cartLocation = values([
  ['alley', 'Alley'],
  ['curb', 'Curb / street'],
]);

const lightsOut = values([
  ['one', 'One light'],
  ['two', 'Two lights'],
  ['three_plus', 'Three or more lights'],
  ['whole_block', 'The whole block'],
]);

/** Per-service questions and SLA targets (days), for the request types residents report most. */
const DETAILS: Record<string, { slaDays: number; attributes: AttributeSeed[] }> = {
  aircraft_noise: {
    slaDays: 30,
    attributes: questions([
      {
        code: 'airport',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Which airport is the aircraft using?',
        values: values([
          ['ohare', "O'Hare International"],
          ['midway', 'Midway International'],
          ['unknown', 'Not sure'],
        ]),
      },
      {
        code: 'noise_type',
        datatype: 'singlevaluelist',
        required: true,
        description: 'What kind of noise?',
        values: values([
          ['arrival', 'Arriving aircraft'],
          ['departure', 'Departing aircraft'],
          ['engine_runup', 'Engine run-up on the ground'],
          ['helicopter', 'Helicopter'],
          ['other', 'Other'],
        ]),
      },
      {
        code: 'event_time',
        datatype: 'datetime',
        required: true,
        description: 'When did you hear it?',
      },
      { code: 'event_count', datatype: 'number', description: 'How many aircraft disturbed you?' },
    ]),
  },
  snow_uncleared_sidewalk: {
    slaDays: 7,
    attributes: questions([
      {
        code: 'property_type',
        datatype: 'singlevaluelist',
        required: true,
        description: 'What kind of property is the sidewalk in front of?',
        values: values([
          ['residential', 'Residential'],
          ['commercial', 'Business'],
          ['vacant', 'Vacant lot or building'],
          ['city', 'City property (park, school, library)'],
        ]),
      },
      {
        code: 'is_corner',
        datatype: 'singlevaluelist',
        description: 'Is it a corner property (including the ramp)?',
        values: yesNo,
      },
      {
        code: 'business_name',
        datatype: 'string',
        description: 'If a business, what is its name?',
      },
    ]),
  },
  graffiti_removal: {
    slaDays: 7,
    attributes: questions([
      {
        code: 'surface_type',
        datatype: 'singlevaluelist',
        required: true,
        description: 'What is the graffiti on?',
        values: values([
          ['brick', 'Brick or stone'],
          ['painted', 'Painted surface'],
          ['metal', 'Metal (door, box, pole)'],
          ['wood', 'Wood'],
          ['glass', 'Glass'],
          ['concrete', 'Concrete'],
          ['vinyl_siding', 'Vinyl or aluminium siding'],
          ['other', 'Other'],
        ]),
      },
      {
        code: 'location_on_property',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Where is the graffiti?',
        values: values([
          ['front', 'Front of building'],
          ['side', 'Side of building'],
          ['rear', 'Rear of building'],
          ['garage', 'Garage'],
          ['fence', 'Fence or wall'],
          ['pole_box', 'Pole, utility box or mailbox'],
          ['viaduct', 'Viaduct or bridge'],
          ['sidewalk_street', 'Sidewalk or street'],
        ]),
      },
      {
        code: 'size',
        datatype: 'singlevaluelist',
        description: 'How big is it?',
        values: values([
          ['small', 'Smaller than 2 × 2 ft'],
          ['medium', 'Up to 10 × 10 ft'],
          ['large', 'Larger than 10 × 10 ft'],
        ]),
      },
      {
        code: 'offensive',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Is it obscene, racist or gang-related?',
        values: yesNo,
      },
      {
        code: 'above_first_floor',
        datatype: 'singlevaluelist',
        description: 'Is any of it higher than the first floor?',
        values: yesNo,
      },
    ]),
  },
  traffic_signal_out: {
    slaDays: 1,
    attributes: questions([
      {
        code: 'signal_problem',
        datatype: 'singlevaluelist',
        required: true,
        description: 'What is wrong with the signals?',
        values: values([
          ['all_out', 'All lights are dark'],
          ['flashing', 'Flashing red or yellow'],
          ['stuck', 'Stuck on one colour'],
          ['red_out', 'Red light out'],
          ['green_out', 'Green light out'],
          ['yellow_out', 'Yellow light out'],
          ['arrow_out', 'Turn arrow out'],
          ['pedestrian_out', 'Pedestrian signal out'],
          ['knocked_down', 'Signal knocked down or turned'],
        ]),
      },
      {
        code: 'all_directions',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Are the signals out in all directions?',
        values: yesNo,
      },
      {
        code: 'directions_affected',
        datatype: 'multivaluelist',
        description: 'Which directions are affected?',
        values: values([
          ['northbound', 'Northbound'],
          ['southbound', 'Southbound'],
          ['eastbound', 'Eastbound'],
          ['westbound', 'Westbound'],
        ]),
      },
    ]),
  },
  abandoned_vehicle: {
    slaDays: 30,
    attributes: questions([
      {
        code: 'vehicle_make',
        datatype: 'string',
        required: true,
        description: 'Make of the vehicle',
      },
      { code: 'vehicle_model', datatype: 'string', description: 'Model of the vehicle' },
      {
        code: 'vehicle_color',
        datatype: 'string',
        required: true,
        description: 'Colour of the vehicle',
      },
      { code: 'license_plate', datatype: 'string', description: 'Licence plate number' },
      { code: 'license_state', datatype: 'string', description: 'State of the licence plate' },
      {
        code: 'days_parked',
        datatype: 'number',
        required: true,
        description: 'How many days has the vehicle been parked there?',
      },
      {
        code: 'vehicle_condition',
        datatype: 'multivaluelist',
        description: 'What do you see?',
        values: values([
          ['flat_tires', 'Flat or missing tires'],
          ['broken_windows', 'Broken windows'],
          ['no_plates', 'No plates or expired plates'],
          ['leaking', 'Leaking fluids'],
          ['parts_missing', 'Parts missing'],
        ]),
      },
      {
        code: 'on_street_or_alley',
        datatype: 'singlevaluelist',
        description: 'Where is it parked?',
        values: values([
          ['street', 'On the street'],
          ['alley', 'In the alley'],
          ['lot', 'In a lot'],
        ]),
      },
    ]),
  },
  street_light_out: {
    slaDays: 7,
    attributes: questions([
      {
        code: 'pole_number',
        datatype: 'string',
        description: 'Pole number (on a tag on the pole), if you can see it',
      },
      {
        code: 'lights_out',
        datatype: 'singlevaluelist',
        required: true,
        description: 'How many lights are out?',
        values: lightsOut,
      },
      {
        code: 'light_behaviour',
        datatype: 'singlevaluelist',
        description: 'Is the light completely out or cycling on and off?',
        values: values([
          ['out', 'Completely out'],
          ['cycling', 'Cycling on and off'],
          ['dim', 'Very dim'],
        ]),
      },
    ]),
  },
  alley_light_out: {
    slaDays: 14,
    attributes: questions([
      { code: 'pole_number', datatype: 'string', description: 'Pole number, if you can see it' },
      {
        code: 'lights_out',
        datatype: 'singlevaluelist',
        required: true,
        description: 'How many lights are out?',
        values: lightsOut,
      },
    ]),
  },
  ice_snow_removal: {
    slaDays: 3,
    attributes: questions([
      {
        code: 'street_type',
        datatype: 'singlevaluelist',
        required: true,
        description: 'What needs plowing or salting?',
        values: values([
          ['residential', 'Residential side street'],
          ['arterial', 'Main street (arterial)'],
          ['alley', 'Alley'],
          ['bridge', 'Bridge or viaduct'],
          ['cul_de_sac', 'Cul-de-sac or dead end'],
        ]),
      },
      {
        code: 'impassable',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Is the street impassable?',
        values: yesNo,
      },
      {
        code: 'condition',
        datatype: 'singlevaluelist',
        description: 'What is the condition?',
        values: values([
          ['snow', 'Unplowed snow'],
          ['ice', 'Ice'],
          ['both', 'Snow and ice'],
        ]),
      },
    ]),
  },
  garbage_cart_maintenance: {
    slaDays: 14,
    attributes: questions([
      {
        code: 'cart_problem',
        datatype: 'singlevaluelist',
        required: true,
        description: 'What is the problem with the cart?',
        values: values([
          ['damaged_lid', 'Damaged or missing lid'],
          ['damaged_wheels', 'Damaged wheels or axle'],
          ['cracked', 'Cracked or broken cart'],
          ['missing', 'Missing'],
          ['stolen', 'Stolen'],
          ['additional', 'Need an additional cart'],
        ]),
      },
      {
        code: 'cart_size',
        datatype: 'singlevaluelist',
        description: 'Cart size',
        values: values([
          ['96', '96 gallon (standard)'],
          ['64', '64 gallon'],
          ['unknown', 'Not sure'],
        ]),
      },
      {
        code: 'cart_location',
        datatype: 'singlevaluelist',
        description: 'Where is the cart kept?',
        values: cartLocation,
      },
      {
        code: 'dwelling_units',
        datatype: 'number',
        description: 'How many units are in the building?',
      },
    ]),
  },
  building_violation: {
    slaDays: 60,
    attributes: questions([
      {
        code: 'problems',
        datatype: 'multivaluelist',
        required: true,
        description: 'What problems do you see?',
        values: values([
          ['structural', 'Walls, foundation or roof unsafe'],
          ['porch_stairs', 'Porch or stairs unsafe'],
          ['windows_doors', 'Broken windows or doors'],
          ['roof_leak', 'Roof leaks'],
          ['mold', 'Mould or moisture'],
          ['pests', 'Insects or rodents inside'],
          ['no_heat', 'No heat'],
          ['smoke_detectors', 'Missing smoke or carbon monoxide detectors'],
          ['illegal_conversion', 'Illegal units or conversion'],
          ['other', 'Other'],
        ]),
      },
      {
        code: 'building_type',
        datatype: 'singlevaluelist',
        description: 'Type of building',
        values: buildingType,
      },
      {
        code: 'occupied',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Is the building occupied?',
        values: yesNo,
      },
      { code: 'unit_number', datatype: 'string', description: 'Apartment or unit number' },
      {
        code: 'owner_aware',
        datatype: 'singlevaluelist',
        description: 'Has the owner or manager been told?',
        values: yesNo,
      },
    ]),
  },
  rats: {
    slaDays: 14,
    attributes: questions([
      {
        code: 'where_seen',
        datatype: 'multivaluelist',
        required: true,
        description: 'Where did you see rats?',
        values: values([
          ['yard', 'Yard'],
          ['alley', 'Alley'],
          ['building', 'Inside a building'],
          ['garbage_area', 'Around garbage carts or dumpsters'],
          ['sewer', 'Sewer or catch basin'],
          ['vacant_lot', 'Vacant lot'],
          ['parkway', 'Parkway'],
        ]),
      },
      {
        code: 'burrows_seen',
        datatype: 'singlevaluelist',
        description: 'Have you seen rat holes (burrows)?',
        values: yesNo,
      },
      {
        code: 'dog_in_yard',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Is there a dog in the yard? (crews need to enter the yard)',
        values: yesNo,
      },
      {
        code: 'yard_access',
        datatype: 'singlevaluelist',
        description: 'Can crews get into the yard (gate unlocked)?',
        values: yesNo,
      },
    ]),
  },
  blue_recycling_cart: {
    slaDays: 21,
    attributes: questions([
      {
        code: 'cart_request',
        datatype: 'singlevaluelist',
        required: true,
        description: 'What do you need?',
        values: values([
          ['new', 'A new blue cart'],
          ['replace_damaged', 'Replace a damaged cart'],
          ['replace_stolen', 'Replace a stolen cart'],
          ['remove', 'Remove a cart'],
        ]),
      },
      {
        code: 'four_units_or_fewer',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Does the building have four units or fewer?',
        values: yesNo,
      },
      {
        code: 'cart_location',
        datatype: 'singlevaluelist',
        description: 'Where should the cart be kept?',
        values: cartLocation,
      },
    ]),
  },
  missed_garbage_pickup: {
    slaDays: 3,
    attributes: questions([
      {
        code: 'cart_location',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Where was the cart set out?',
        values: cartLocation,
      },
      {
        code: 'set_out_on_time',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Was the cart out by 7 a.m. on pickup day?',
        values: yesNo,
      },
      { code: 'carts_missed', datatype: 'number', description: 'How many carts were missed?' },
      {
        code: 'lid_closed',
        datatype: 'singlevaluelist',
        description: 'Was the lid closed, with nothing next to the cart?',
        values: yesNo,
      },
    ]),
  },
  plumbing: {
    slaDays: 60,
    attributes: questions([
      {
        code: 'plumbing_problem',
        datatype: 'multivaluelist',
        required: true,
        description: 'What is the plumbing problem?',
        values: values([
          ['leaking_pipes', 'Leaking pipes'],
          ['sewage_backup', 'Sewage backing up'],
          ['no_hot_water', 'No hot water'],
          ['missing_fixtures', 'Missing or broken toilet, sink or tub'],
          ['illegal_work', 'Plumbing work without a permit'],
        ]),
      },
      {
        code: 'building_type',
        datatype: 'singlevaluelist',
        description: 'Type of building',
        values: buildingType,
      },
      {
        code: 'occupied',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Is the building occupied?',
        values: yesNo,
      },
      { code: 'unit_number', datatype: 'string', description: 'Apartment or unit number' },
    ]),
  },
  business_complaint: {
    slaDays: 30,
    attributes: questions([
      {
        code: 'business_name',
        datatype: 'string',
        required: true,
        description: 'Name of the business',
      },
      {
        code: 'complaint_type',
        datatype: 'singlevaluelist',
        required: true,
        description: 'What is the complaint?',
        values: values([
          ['no_license', 'Operating without a licence'],
          ['hours', 'Open outside permitted hours'],
          ['capacity', 'Over capacity or reopening rules not followed'],
          ['noise', 'Noise from the business'],
          ['signage', 'Illegal signs or sidewalk use'],
          ['other', 'Other'],
        ]),
      },
      { code: 'observed_at', datatype: 'datetime', description: 'When did you see it?' },
    ]),
  },
  recycling_pickup: {
    slaDays: 7,
    attributes: questions([
      {
        code: 'cart_location',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Where was the blue cart set out?',
        values: cartLocation,
      },
      {
        code: 'contamination_tag',
        datatype: 'singlevaluelist',
        description: 'Was there a tag saying the cart was contaminated?',
        values: yesNo,
      },
      {
        code: 'weeks_missed',
        datatype: 'number',
        description: 'How many pickups in a row were missed?',
      },
    ]),
  },
  pothole: {
    slaDays: 7,
    attributes: questions([
      {
        code: 'location_on_street',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Where on the street is the pothole?',
        values: values([
          ['traffic_lane', 'Traffic lane'],
          ['curb_lane', 'Curb lane (next to parked cars)'],
          ['crosswalk', 'Crosswalk'],
          ['bike_lane', 'Bike lane'],
          ['intersection', 'Intersection'],
        ]),
      },
      {
        code: 'depth',
        datatype: 'singlevaluelist',
        required: true,
        description: 'How deep is it?',
        values: values([
          ['under_2in', 'Less than 2 inches'],
          ['2_to_4in', '2 to 4 inches'],
          ['over_4in', 'More than 4 inches'],
        ]),
      },
      {
        code: 'count',
        datatype: 'number',
        description: 'How many potholes are there on this block?',
      },
    ]),
  },
  alley_pothole: {
    slaDays: 14,
    attributes: questions([
      {
        code: 'depth',
        datatype: 'singlevaluelist',
        required: true,
        description: 'How deep is it?',
        values: values([
          ['under_2in', 'Less than 2 inches'],
          ['2_to_4in', '2 to 4 inches'],
          ['over_4in', 'More than 4 inches'],
        ]),
      },
      {
        code: 'count',
        datatype: 'number',
        description: 'How many potholes are there in the alley?',
      },
    ]),
  },
  sanitation_code_violation: {
    slaDays: 14,
    attributes: questions([
      {
        code: 'violation',
        datatype: 'singlevaluelist',
        required: true,
        description: 'What is the violation?',
        values: values([
          ['overflowing_dumpster', 'Overflowing or uncovered dumpster'],
          ['garbage_in_yard', 'Garbage in a yard'],
          ['loose_garbage', 'Loose garbage not in a cart'],
          ['dog_feces', 'Dog faeces in a yard'],
          ['construction_debris', 'Construction debris'],
          ['grease', 'Grease or food waste'],
          ['other', 'Other'],
        ]),
      },
      {
        code: 'property_type',
        datatype: 'singlevaluelist',
        description: 'Is it a home or a business?',
        values: values([
          ['residential', 'Home'],
          ['business', 'Business'],
          ['vacant', 'Vacant property'],
        ]),
      },
      {
        code: 'business_name',
        datatype: 'string',
        description: 'If a business, what is its name?',
      },
    ]),
  },
  stray_animal: {
    slaDays: 3,
    attributes: questions([
      {
        code: 'animal_type',
        datatype: 'singlevaluelist',
        required: true,
        description: 'What kind of animal?',
        values: animalType,
      },
      {
        code: 'confined',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Is the animal confined (in a yard, garage or trap)?',
        values: yesNo,
      },
      {
        code: 'aggressive',
        datatype: 'singlevaluelist',
        description: 'Is the animal aggressive?',
        values: yesNo,
      },
      {
        code: 'animal_description',
        datatype: 'text',
        description: 'Describe the animal (size, colour, collar)',
      },
    ]),
  },
  vicious_animal: {
    slaDays: 3,
    attributes: questions([
      {
        code: 'animal_type',
        datatype: 'singlevaluelist',
        required: true,
        description: 'What kind of animal?',
        values: animalType,
      },
      {
        code: 'bite',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Has anyone been bitten?',
        values: yesNo,
      },
      {
        code: 'animal_location',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Where is the animal now?',
        values: values([
          ['loose', 'Running loose'],
          ['yard', 'In a yard'],
          ['indoors', 'Indoors'],
          ['unknown', 'Not sure'],
        ]),
      },
      {
        code: 'owner_known',
        datatype: 'singlevaluelist',
        description: 'Do you know the owner?',
        values: yesNo,
      },
    ]),
  },
  injured_animal_report: {
    slaDays: 1,
    attributes: questions([
      {
        code: 'animal_type',
        datatype: 'singlevaluelist',
        required: true,
        description: 'What kind of animal?',
        values: animalType,
      },
      {
        code: 'animal_location',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Where is the animal?',
        values: values([
          ['street', 'Street or alley'],
          ['yard', 'Yard'],
          ['building', 'Inside a building'],
          ['park', 'Park'],
        ]),
      },
      {
        code: 'can_move',
        datatype: 'singlevaluelist',
        description: 'Can the animal move?',
        values: yesNo,
      },
    ]),
  },
  sign_repair_stop: {
    slaDays: 1,
    attributes: questions([
      {
        code: 'sign_problem',
        datatype: 'singlevaluelist',
        required: true,
        description: 'What is wrong with the stop sign?',
        values: values([
          ['down', 'Knocked down'],
          ['missing', 'Missing'],
          ['turned', 'Turned the wrong way'],
          ['faded', 'Faded or damaged'],
          ['blocked', 'Hidden by a tree or other object'],
        ]),
      },
      {
        code: 'corner',
        datatype: 'singlevaluelist',
        description: 'Which corner of the intersection?',
        values: values([
          ['ne', 'North-east'],
          ['nw', 'North-west'],
          ['se', 'South-east'],
          ['sw', 'South-west'],
        ]),
      },
    ]),
  },
};

/**
 * SLA targets (days) of the remaining request types seen in the portal data, without custom
 * questions. Types not listed here have no target.
 */
const SLA_ONLY: Record<string, number> = {
  sign_repair_all_other_signs: 14,
  sign_repair_do_not_enter: 3,
  sign_repair_one_way: 3,
  check_for_leak: 7,
  water_on_street: 3,
  dead_animal_pickup: 2,
  water_lead_test_kit: 14,
  water_lead_test_visit: 30,
  water_quality_concern: 7,
  fly_dumping: 7,
  sidewalk_inspection: 30,
  street_light_pole_damage: 7,
  street_light_pole_door_missing: 14,
  street_light_on_during_day: 14,
  inspect_public_way: 30,
  pet_wellness_check: 2,
  tree_trim: 180,
  tree_removal: 120,
  tree_debris_cleanup: 14,
  tree_emergency: 1,
  tree_planting: 365,
  coyote: 7,
  sewer_cleaning_inspection: 30,
  sewer_cave_in_inspection: 7,
  nuisance_animal: 14,
  vacant_abandoned_building: 60,
  restaurant: 14,
  no_water: 1,
  low_water_pressure: 7,
  water_in_basement: 3,
  open_fire_hydrant: 1,
  yard_waste: 7,
  viaduct_light_out: 7,
  snow_object_dibs_removal: 7,
  bike_lane_debris_removal: 7,
  vehicle_in_bike_lane: 1,
  street_cleaning: 14,
  vacant_lot: 30,
  recycling_inspection: 30,
};

/** Topic words, English and Spanish, added to the keywords of matching services. */
const TOPIC_KEYWORDS: readonly (readonly [readonly string[], readonly string[]])[] = [
  [
    ['pothole', 'buckle', 'cave'],
    ['pothole', 'hole', 'road', 'bache', 'hoyo', 'calle'],
  ],
  [
    ['light', 'electrical', 'wire', 'vault'],
    ['light', 'lamp', 'streetlight', 'dark', 'luz', 'alumbrado', 'farola'],
  ],
  [['signal'], ['traffic light', 'stoplight', 'semáforo', 'semaforo']],
  [
    ['rat', 'rodent'],
    ['rat', 'rats', 'mice', 'rodent', 'rata', 'ratas', 'roedor'],
  ],
  [
    [
      'garbage',
      'dump',
      'cart',
      'bulk',
      'sanitation',
      'litter',
      'basket',
      'tire',
      'yard',
      'lot',
      'cleaning',
    ],
    ['garbage', 'trash', 'junk', 'basura', 'desechos'],
  ],
  [['recycl'], ['recycling', 'recycle', 'reciclaje']],
  [['graffiti'], ['graffiti', 'tag', 'vandalism', 'paint', 'grafiti', 'pintura']],
  [
    ['tree', 'landscape', 'weed'],
    ['tree', 'branch', 'árbol', 'arbol', 'rama'],
  ],
  [
    ['snow', 'ice'],
    ['snow', 'ice', 'plow', 'nieve', 'hielo'],
  ],
  [
    ['water', 'sewer', 'hydrant', 'leak', 'flood', 'lid', 'grate', 'bbox'],
    ['water', 'agua', 'sewer', 'drain', 'alcantarilla', 'drenaje'],
  ],
  [
    ['animal', 'dog', 'coyote', 'bird', 'bee', 'wasp', 'trap', 'wildlife', 'pet'],
    ['animal', 'dog', 'cat', 'perro', 'gato'],
  ],
  [
    ['vehicle', 'parking', 'taxi', 'ridesharing', 'driving', 'camera', 'sticker'],
    ['car', 'vehicle', 'carro', 'coche', 'vehículo'],
  ],
  [['noise'], ['noise', 'loud', 'ruido']],
  [['sign'], ['sign', 'señal', 'letrero']],
  [['sidewalk'], ['sidewalk', 'banqueta', 'acera']],
  [
    ['bike', 'bicycle', 'divvy', 'scooter'],
    ['bike', 'bicycle', 'bicicleta'],
  ],
  [
    [
      'building',
      'porch',
      'boiler',
      'furnace',
      'elevator',
      'plumbing',
      'ventilation',
      'permit',
      'conditioning',
    ],
    ['building', 'edificio', 'vivienda'],
  ],
  [
    [
      'business',
      'consumer',
      'liquor',
      'vendor',
      'fraud',
      'merchandise',
      'tobacco',
      'cafe',
      'retail',
      'fuel',
      'wage',
      'sick',
    ],
    ['business', 'store', 'negocio', 'tienda'],
  ],
  [
    ['restaurant', 'food', 'groceries'],
    ['food', 'comida', 'restaurante'],
  ],
  [
    ['aircraft', 'ohare', 'midway'],
    ['airport', 'airplane', 'plane', 'avión', 'avion', 'aeropuerto'],
  ],
  [
    ['housing', 'rental', 'foreclosure', 'shelter', 'homeless', 'relocation', 'home'],
    ['housing', 'home', 'vivienda', 'casa'],
  ],
];

const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'the',
  'of',
  'or',
  'on',
  'in',
  'to',
  'for',
  'all',
  'request',
  'complaint',
  'complaints',
  'other',
  'types',
]);

function keywordsFor(slug: string, name: string): string[] {
  const words = name
    .toLowerCase()
    .split(/[^a-z0-9'’-]+/)
    .map((w) => w.replace(/^[-']+|[-']+$/g, ''))
    .filter((w) => w.length > 2 && !STOP_WORDS.has(w));
  const tokens = slug.split('_');
  const topical = TOPIC_KEYWORDS.filter(([prefixes]) =>
    tokens.some((t) => prefixes.some((p) => t.startsWith(p))),
  ).flatMap(([, k]) => k);
  return [...new Set([...words, ...topical])];
}

/** Turns a service name into a slug, for service lists that carry none (the live `services.json`). */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Finds the catalogue slug for a slug made from a live service name (e.g.
 * `buildings_plumbing_violation` → `plumbing`): the longest known slug whose words all occur in it.
 * Returns the input when nothing, or more than one equally good slug, fits.
 */
export function guessSlug(slug: string): string {
  if (slug in PLACEMENTS) return slug;
  const words = new Set(slug.split('_'));
  const fits = Object.keys(PLACEMENTS)
    .map((known) => ({ known, parts: known.split('_') }))
    .filter(({ parts }) => parts.every((p) => words.has(p)))
    .sort((a, b) => b.parts.length - a.parts.length);
  const best = fits[0];
  if (!best || fits[1]?.parts.length === best.parts.length) return slug;
  return best.known;
}

/**
 * Builds the full catalogue: every entry of Chicago's Open311 list plus {@link SUPPLEMENTAL_SERVICES},
 * each placed, described and given its questions. Throws if the list names a slug this module does not
 * place, so a changed city list is noticed instead of silently landing in "Information & Other";
 * with `onUnplaced` (used for the live list, whose slugs are guessed from names) such services are
 * filed under "Information & Other" / 311 and reported instead.
 */
export function buildCatalogue(
  codes: readonly OpenServiceCode[],
  options: { onUnplaced?: (slugs: string[]) => void } = {},
): ServiceSeed[] {
  const agencyCodes = new Set(AGENCIES.map((a) => a.code));
  const all: (OpenServiceCode & { placement: Placement | undefined })[] = [
    ...codes.map((c) => ({ ...c, placement: PLACEMENTS[c.slug] })),
    ...SUPPLEMENTAL_SERVICES.filter((s) => !codes.some((c) => c.service_code === s.service_code)),
  ];
  const unplaced = all.filter((c) => !c.placement).map((c) => c.slug);
  if (unplaced.length > 0) {
    if (!options.onUnplaced) {
      throw new Error(`The service catalogue has no group/agency for: ${unplaced.join(', ')}`);
    }
    options.onUnplaced(unplaced);
  }
  return all.map((c) => {
    const [groupKey, agencyCode, description] = c.placement ?? (['info', '311'] as const);
    if (!agencyCodes.has(agencyCode)) throw new Error(`Unknown agency ${agencyCode} for ${c.slug}`);
    const detail = DETAILS[c.slug];
    const name = c.service_name.replace(/\s+/g, ' ').trim();
    return {
      code: c.service_code,
      slug: c.slug,
      name,
      description: description ?? name,
      group: SERVICE_GROUPS[groupKey],
      keywords: keywordsFor(c.slug, name),
      agencyCode,
      type: BATCH_SLUGS.has(c.slug) ? 'batch' : 'realtime',
      isPrivate: PRIVATE_SLUGS.has(c.slug),
      slaDays: detail?.slaDays ?? SLA_ONLY[c.slug] ?? null,
      attributes: detail?.attributes ?? [],
    };
  });
}

/**
 * Portal `sr_type` → catalogue slug, for the names that differ between the data portal and the Open311
 * list (or that the portal renamed over the years). `null` means "not a service request": the row is
 * skipped. Names that match an Open311 name after normalisation need no entry here.
 */
export const CSV_TYPE_TO_SLUG: Readonly<Record<string, string | null>> = {
  '311 INFORMATION ONLY CALL': null,
  'Extreme Weather Notification': null,
  'Aircraft Noise Complaint': 'aircraft_noise',
  'Building Violation': 'building_violation',
  'Water Quality Concern': 'water_quality_concern',
  'Water Lead Test Kit Request': 'water_lead_test_kit',
  'Water Lead Test Visit Request': 'water_lead_test_visit',
  'Vehicle Parked in Bike Lane Complaint': 'vehicle_in_bike_lane',
  'Tree Removal Inspection': 'tree_removal',
  'Tree Trim Request (NO LONGER BEING ACCEPTED)': 'tree_trim',
  'Business Complaints / Reopening Issue': 'business_complaint',
  'E-Scooter': 'escooter_parking',
  'Pavement Cave-In Inspection Request': 'sewer_cave_in_inspection',
  'Petcoke Dust Complaint': 'air_pollution',
  'Snow - Uncleared Sidewalk Complaint': 'snow_uncleared_sidewalk',
  'Snow – Object/Dibs Removal Request': 'snow_object_dibs_removal',
};

/** Normalises a service name for comparison: case, dashes, spacing and punctuation do not matter. */
export function normalizeTypeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[–—]/g, '-')
    .replace(/\(no longer being accepted\)/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** What a portal type resolves to: a service code, "skip" (information-only), or unknown. */
export type CsvTypeResolution = { code: string } | 'skip' | 'unknown';

/**
 * Builds the portal `sr_type` → service code resolver over a set of service definitions (the seeded
 * catalogue, or the rows of `service_definitions`). Order: the explicit table, then an exact code, then
 * the normalised name.
 */
export function csvTypeResolver(
  services: readonly { code: string; slug: string; name: string }[],
): (srType: string) => CsvTypeResolution {
  const bySlug = new Map(services.map((s) => [s.slug, s.code]));
  const byCode = new Set(services.map((s) => s.code));
  const byName = new Map(services.map((s) => [normalizeTypeName(s.name), s.code]));
  return (srType) => {
    const type = srType.trim();
    if (type in CSV_TYPE_TO_SLUG) {
      const slug = CSV_TYPE_TO_SLUG[type];
      if (slug === null) return 'skip';
      const code = slug === undefined ? undefined : bySlug.get(slug);
      return code ? { code } : 'unknown';
    }
    if (byCode.has(type)) return { code: type };
    const code = byName.get(normalizeTypeName(type));
    return code ? { code } : 'unknown';
  };
}

/**
 * The portal `sr_type` → service code table for a catalogue, with the types that resolve to nothing.
 * Used by the seed to print unmapped types and by tests to check that every sample type is covered.
 */
export function csvTypeToCode(
  services: readonly { code: string; slug: string; name: string }[],
  srTypes: Iterable<string>,
): { map: Map<string, string | null>; unmapped: string[] } {
  const resolve = csvTypeResolver(services);
  const map = new Map<string, string | null>();
  const unmapped: string[] = [];
  for (const type of srTypes) {
    const r = resolve(type);
    if (r === 'skip') map.set(type, null);
    else if (r === 'unknown') unmapped.push(type);
    else map.set(type, r.code);
  }
  return { map, unmapped };
}
