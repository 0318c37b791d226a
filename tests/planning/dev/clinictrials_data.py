"""Clinical-trials test database of a contract research organisation (DuckDB, ``main`` schema).

A contract research organisation (CRO) runs clinical trials of investigational drugs on behalf
of pharmaceutical sponsors. Each trial is conducted at a number of hospital sites in several
countries. People are screened at a site; those who pass screening are enrolled (randomised)
into one arm of the trial, attend visits on a fixed schedule and may have adverse events
(AEs, any unfavourable medical occurrence while in the trial). Participants can leave early
(withdrawal) or complete the trial.

The data covers trials started from 2021 onwards; the last day of the data is
**2025-03-31**, which is "today" for every question: "this year" is 2025, "last year" is 2024,
"this month" is March 2025, "last month" is February 2025, "this quarter" is Q1 2025
(January-March 2025) and "last quarter" is Q4 2024 (October-December 2024). Some visits are
scheduled after today, one trial has not started yet and a few trial sites are activated only
after today. Dates are DATE columns ending in ``_dt``. Doses are in milligrams (``*_mg``),
body weight in kilograms (``*_kg``), blood pressure in mmHg. Coded columns hold short upper-case
codes; the allowed codes are listed below and repeated in the column comments
(``COMMENT ON COLUMN``, see ``_DDL``).

Tables
------

``trials`` -- one row per clinical trial (study protocol) managed by the CRO.

* ``trial_id`` (INTEGER, primary key).
* ``protocol_no`` (VARCHAR, unique): protocol number, therapeutic-area prefix plus year and
  sequence, e.g. 'ONC-2204'.
* ``title`` (VARCHAR): short scientific title.
* ``phase`` (VARCHAR): trial phase code 'P1', 'P2', 'P3' or 'P4' (phase I = first-in-human /
  dose finding, II = efficacy, III = confirmatory, IV = post-marketing).
* ``sponsor`` (VARCHAR): pharmaceutical company paying for the trial (several trials per
  sponsor).
* ``ther_area`` (VARCHAR): therapeutic area: 'Oncology', 'Cardiology', 'Neurology',
  'Endocrinology', 'Respiratory', 'Immunology' or 'Infectious Disease'.
* ``imp_code`` (VARCHAR): code of the investigational medicinal product (the study drug),
  e.g. 'HLX-101'; the same drug can be tested in several trials.
* ``status`` (VARCHAR): trial status code: 'PLN' = planned, not started; 'RCT' = recruiting;
  'ACT' = active, recruitment closed, follow-up ongoing; 'CMP' = completed; 'TRM' = terminated
  early.
* ``start_dt`` (DATE): first day of the trial (first site could screen); after today for a
  planned trial.
* ``end_dt`` (DATE): day the trial ended (completed or terminated); NULL while not ended.
* ``target_n`` (INTEGER): planned number of enrolled (randomised) participants.
* ``blinded`` (BOOLEAN): true = double-blind placebo-controlled trial (participants are
  randomised to placebo or treatment); false = open-label, every participant gets the drug.

``sites`` -- one row per hospital / research site qualified by the CRO.

* ``site_id`` (INTEGER, primary key).
* ``site_no`` (VARCHAR, unique): CRO site number, e.g. 'S-101'.
* ``hospital`` (VARCHAR): hospital or clinic name. Names are not unique: there is a
  "St Mary's Hospital" in three countries, and "University Hospital", "Royal Infirmary" and
  "Memorial Hospital" appear more than once.
* ``city`` (VARCHAR): city (also not unique across countries: London, Cambridge).
* ``iso_ctry`` (VARCHAR): ISO 3166-1 alpha-2 country code: 'GB' (United Kingdom), 'US'
  (United States), 'DE' (Germany), 'FR' (France), 'ES' (Spain), 'PL' (Poland), 'CA' (Canada),
  'AU' (Australia), 'NL' (Netherlands).
* ``pi_name`` (VARCHAR): name of the site's principal investigator (lead doctor).
* ``acad`` (BOOLEAN): true = academic medical centre (university hospital), false = community
  hospital or private research clinic.
* ``qual_dt`` (DATE): day the site passed the CRO's qualification visit.

``trial_sites`` -- which sites take part in which trial. Primary key (``trial_id``,
``site_id``). A site can take part in several trials; some sites enrolled nobody in a trial.

* ``trial_id`` (INTEGER, foreign key to ``trials``).
* ``site_id`` (INTEGER, foreign key to ``sites``).
* ``activ_dt`` (DATE): site activation (initiation) day for this trial, from which it may
  screen participants; NULL = selected but not yet activated; can be after today.
* ``cap_n`` (INTEGER): maximum number of participants the site may enrol in this trial.

``participants`` -- one row per person screened for a trial at a site. A person who fails
screening (``scr_fail`` true) is never enrolled: no enrolment date, arm, dose, visits or
adverse events. "Enrolled" participants are those with ``enrolled_dt`` set.

* ``ptcp_id`` (INTEGER, primary key).
* ``subj_no`` (VARCHAR, unique): subject number, protocol number + site number + sequence,
  e.g. 'CAR-2201-105-007'.
* ``trial_id`` (INTEGER, foreign key to ``trials``).
* ``site_id`` (INTEGER, foreign key to ``sites``).
* ``sex`` (VARCHAR): 'F' or 'M'.
* ``yob`` (INTEGER): year of birth (only the year is kept for privacy).
* ``weight_kg`` (DECIMAL(5,1)): body weight at screening in kg; NULL when not recorded.
* ``scr_dt`` (DATE): screening day (informed consent signed).
* ``scr_fail`` (BOOLEAN): true = failed screening, not enrolled.
* ``enrolled_dt`` (DATE): enrolment (randomisation) day, also the day of the baseline visit;
  NULL for screen failures.
* ``arm`` (VARCHAR): 'PBO' = placebo, 'TRT' = investigational drug; NULL for screen
  failures. Open-label trials have only 'TRT'.
* ``dose_mg`` (DECIMAL(6,1)): assigned daily dose of the study drug in mg; 0 for the placebo
  arm; NULL for screen failures.
* ``wdrawn_dt`` (DATE): day the participant left the trial early (withdrawal or death);
  NULL = did not withdraw.
* ``wd_rsn`` (VARCHAR): withdrawal reason code, set only when ``wdrawn_dt`` is set: 'AE' =
  adverse event, 'WC' = withdrew consent, 'LFU' = lost to follow-up, 'PD' = protocol deviation,
  'DTH' = death, 'SPN' = sponsor stopped the trial.
* ``compl_dt`` (DATE): day the participant completed the trial (date of the last scheduled
  visit); NULL = not completed (still in the trial, withdrawn, or screen failure).

A participant is "ongoing" (still in the trial) when enrolled, not withdrawn and not completed.

``visits`` -- scheduled trial visits of enrolled participants. Visit 1 is the baseline visit on
the enrolment day; later visits follow every few weeks (the interval depends on the trial).
Visits scheduled after a participant's withdrawal are not listed; visits scheduled after today
are listed for ongoing participants (not yet done).

* ``visit_id`` (INTEGER, primary key).
* ``ptcp_id`` (INTEGER, foreign key to ``participants``).
* ``visit_no`` (INTEGER): 1 = baseline, 2, 3, ... in schedule order.
* ``sched_dt`` (DATE): day the visit was scheduled for (per protocol).
* ``actual_dt`` (DATE): day the visit actually took place; NULL when missed or not yet done
  (future visits, and a few recent visits that are late but not yet given up as missed).
  Visits may take place a few days before or after the scheduled day.
* ``missed`` (BOOLEAN): true = the participant did not attend (visit will not happen);
  false = attended or not yet due.
* ``remote`` (BOOLEAN): true = telephone/video visit (no measurements taken).
* ``weight_kg`` (DECIMAL(5,1)): body weight measured at the visit in kg; NULL for missed,
  remote or future visits and occasionally not measured.
* ``sbp`` (INTEGER): systolic blood pressure in mmHg measured at the visit; NULL when not
  measured (as for ``weight_kg``).

``adverse_events`` -- adverse events (AEs) recorded for enrolled participants.

* ``ae_id`` (INTEGER, primary key).
* ``ptcp_id`` (INTEGER, foreign key to ``participants``).
* ``meddra_term`` (VARCHAR): MedDRA preferred term (British spelling, e.g. 'Diarrhoea',
  'Anaemia', 'Pyrexia' = fever, 'Nasopharyngitis' = common cold).
* ``meddra_soc`` (VARCHAR): MedDRA system organ class of the term, e.g. 'Gastrointestinal
  disorders', 'Infections and infestations', 'Cardiac disorders'.
* ``grade`` (INTEGER): CTCAE severity grade 1-5: 1 = mild, 2 = moderate, 3 = severe,
  4 = life-threatening, 5 = death related to the event.
* ``sae`` (BOOLEAN): true = serious adverse event (led to hospitalisation, was
  life-threatening or fatal). Seriousness is not the same as severity: some grade 3 events are
  not serious and a few grade 2 events are.
* ``rel_cd`` (VARCHAR): investigator's causality assessment (relationship to the study drug):
  'NR' = not related, 'UL' = unlikely, 'PS' = possibly, 'PB' = probably, 'DF' = definitely
  related. "Drug-related" means 'PS', 'PB' or 'DF'.
* ``onset_dt`` (DATE): day the event started.
* ``resol_dt`` (DATE): day the event resolved; NULL = not resolved (ongoing) or fatal.
* ``rpt_dt`` (DATE): day the site reported the event to the CRO (serious events must be
  reported within 1 day of onset).
* ``void`` (BOOLEAN): true = record voided by data management (duplicate entry or entered in
  error); voided records must be ignored in every count or analysis.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pyarrow as pa

LAST_DAY = dt.date(2025, 3, 31)

# protocol, title, phase, sponsor, area, imp, status, start, end, target, blinded,
# dose levels (mg), visit interval (weeks), number of visits, end of recruitment
_TRIALS = [
    ("ONC-2101", "HLX-101 versus placebo in advanced non-small cell lung cancer", "P2",
     "Helix Biotherapeutics", "Oncology", "HLX-101", "CMP", dt.date(2021, 9, 1),
     dt.date(2023, 12, 15), 120, True, [200.0], 3, 8, dt.date(2022, 12, 31)),
    ("ONC-2204", "HLX-101 maintenance therapy in non-small cell lung cancer", "P3",
     "Helix Biotherapeutics", "Oncology", "HLX-101", "ACT", dt.date(2022, 6, 1), None, 300, True,
     [200.0], 3, 10, dt.date(2024, 10, 31)),
    ("ONC-2402", "MRD-330 dose escalation in solid tumours", "P1", "Meridian Bio", "Oncology",
     "MRD-330", "RCT", dt.date(2024, 3, 1), None, 40, False, [50.0, 100.0, 200.0, 400.0], 2, 6,
     None),
    ("CAR-2201", "NVR-12 in chronic heart failure", "P3", "Novaris Pharma", "Cardiology",
     "NVR-12", "RCT", dt.date(2022, 2, 1), None, 420, True, [10.0, 20.0], 4, 10, None),
    ("CAR-2305", "KNX-7 in resistant hypertension", "P2", "Kinetix Pharma", "Cardiology", "KNX-7",
     "TRM", dt.date(2023, 5, 15), dt.date(2024, 8, 30), 150, True, [5.0, 10.0], 4, 8, None),
    ("NEU-2203", "AST-220 in episodic migraine prevention", "P2", "Aster Therapeutics",
     "Neurology", "AST-220", "ACT", dt.date(2022, 10, 1), None, 200, True, [25.0, 50.0], 4, 8,
     dt.date(2024, 6, 30)),
    ("NEU-2401", "AST-220 in chronic migraine", "P3", "Aster Therapeutics", "Neurology",
     "AST-220", "RCT", dt.date(2024, 6, 1), None, 300, True, [50.0], 4, 8, None),
    ("END-2102", "NVR-88 once weekly in type 2 diabetes", "P3", "Novaris Pharma",
     "Endocrinology", "NVR-88", "CMP", dt.date(2021, 11, 1), dt.date(2024, 5, 31), 250, True,
     [0.5, 1.0], 4, 10, dt.date(2023, 3, 31)),
    ("END-2306", "NVR-88 long-term safety in type 2 diabetes", "P4", "Novaris Pharma",
     "Endocrinology", "NVR-88", "RCT", dt.date(2023, 9, 1), None, 150, False, [1.0], 8, 6, None),
    ("RES-2304", "KNX-31 inhaled in moderate asthma", "P2", "Kinetix Pharma", "Respiratory",
     "KNX-31", "RCT", dt.date(2023, 2, 1), None, 160, True, [100.0, 200.0], 4, 8, None),
    ("IMM-2302", "MRD-145 in moderate to severe plaque psoriasis", "P2", "Meridian Bio",
     "Immunology", "MRD-145", "ACT", dt.date(2023, 4, 1), None, 120, True, [150.0], 2, 8,
     dt.date(2024, 12, 31)),
    ("IMM-2501", "MRD-210 first-in-human in healthy volunteers", "P1", "Meridian Bio",
     "Immunology", "MRD-210", "PLN", dt.date(2025, 5, 1), None, 36, False, [10.0], 1, 6, None),
    ("INF-2403", "HLX-450 in community-acquired pneumonia", "P3", "Helix Biotherapeutics",
     "Infectious Disease", "HLX-450", "RCT", dt.date(2024, 9, 1), None, 260, True, [300.0], 2, 6,
     None),
    ("RES-2405", "AST-510 dose finding in COPD", "P1", "Aster Therapeutics", "Respiratory",
     "AST-510", "RCT", dt.date(2025, 1, 15), None, 30, False, [10.0, 30.0], 1, 6, None),
]  # fmt: skip

# site_no, hospital, city, iso_ctry, pi_name, academic, qualification date, productivity
_SITES = [
    ("S-101", "St Mary's Hospital", "London", "GB",
      "Dr Helen Carter", True, dt.date(2019, 3, 12), 1.2),
    ("S-102", "Royal Infirmary", "Edinburgh", "GB",
      "Dr Angus Mackay", True, dt.date(2019, 6, 4), 1.0),
    ("S-103", "Addenbrooke's Research Unit", "Cambridge", "GB",
      "Dr Priya Shah", True, dt.date(2020, 1, 20), 0.9),
    ("S-104", "Royal Infirmary", "Manchester", "GB",
      "Dr Owen Price", False, dt.date(2021, 2, 8), 0.8),
    ("S-201", "St Mary's Hospital", "Rochester", "US",
      "Dr James Miller", True, dt.date(2018, 10, 1), 1.4),
    ("S-202", "Boston Medical Center", "Boston", "US",
      "Dr Laura Chen", True, dt.date(2019, 4, 15), 1.3),
    ("S-203", "Cambridge Health Alliance", "Cambridge", "US",
      "Dr Robert Green", False, dt.date(2020, 9, 9), 0.7),
    ("S-204", "University Hospital", "Cleveland", "US",
      "Dr Maria Lopez", True, dt.date(2019, 11, 5), 1.1),
    ("S-205", "Memorial Hospital", "Houston", "US",
      "Dr Kevin Brooks", False, dt.date(2020, 5, 18), 1.0),
    ("S-206", "Lakeside Clinical Research", "Chicago", "US",
      "Dr Susan Park", False, dt.date(2021, 7, 1), 1.5),
    ("S-207", "Desert Valley Research", "Phoenix", "US",
      "Dr Mark Ellis", False, dt.date(2022, 3, 14), 0.9),
    ("S-208", "Memorial Hospital", "Colorado Springs", "US",
      "Dr Nancy Reed", False, dt.date(2023, 1, 10), 0.6),
    ("S-301", "Heidelberg University Hospital", "Heidelberg", "DE",
      "Prof. Klaus Weber", True, dt.date(2019, 2, 25), 1.1),
    ("S-302", "Klinikum rechts der Isar", "Munich", "DE",
      "Prof. Anna Fischer", True, dt.date(2020, 6, 30), 1.0),
    ("S-303", "St. Marien-Krankenhaus", "Berlin", "DE",
      "Dr Jonas Becker", False, dt.date(2021, 10, 4), 0.7),
    ("S-401", "Hôpital Saint-Louis", "Paris", "FR",
      "Pr Claire Dubois", True, dt.date(2019, 9, 16), 1.0),
    ("S-402", "CHU de Bordeaux", "Bordeaux", "FR",
      "Dr Julien Martin", True, dt.date(2020, 12, 1), 0.8),
    ("S-501", "Hospital Clínic", "Barcelona", "ES",
      "Dra. Laura García", True, dt.date(2019, 5, 6), 1.2),
    ("S-502", "Hospital Universitario La Paz", "Madrid", "ES",
      "Dr Javier Ruiz", True, dt.date(2021, 3, 22), 0.9),
    ("S-601", "University Hospital", "Kraków", "PL",
      "Dr Piotr Nowak", True, dt.date(2020, 2, 3), 1.3),
    ("S-602", "Central Clinical Hospital", "Warsaw", "PL",
      "Dr Agnieszka Wójcik", True, dt.date(2021, 8, 23), 1.1),
    ("S-701", "Toronto General Hospital", "Toronto", "CA",
      "Dr Emily Wong", True, dt.date(2019, 7, 29), 1.0),
    ("S-702", "St Mary's Hospital", "Montreal", "CA",
      "Dr Luc Tremblay", False, dt.date(2022, 5, 2), 0.7),
    ("S-703", "University Hospital", "London", "CA",
      "Dr Sarah Campbell", True, dt.date(2020, 10, 19), 0.8),
    ("S-801", "Royal Melbourne Hospital", "Melbourne", "AU",
      "Dr Liam O'Connor", True, dt.date(2020, 4, 14), 0.9),
    ("S-802", "Westmead Hospital", "Sydney", "AU",
      "Dr Chloe Nguyen", True, dt.date(2022, 9, 5), 0.8),
    ("S-901", "Erasmus MC", "Rotterdam", "NL",
      "Dr Pieter de Vries", True, dt.date(2020, 11, 30), 1.0),
    ("S-902", "Leiden University Medical Center", "Leiden", "NL",
      "Dr Sanne Bakker", True, dt.date(2025, 2, 17), 1.0),
]  # fmt: skip

# trial protocol -> site numbers taking part (first listed are activated first)
_TRIAL_SITES = {
    "ONC-2101": ["S-201", "S-202", "S-204", "S-101", "S-301", "S-401", "S-501"],
    "ONC-2204": ["S-201", "S-202", "S-204", "S-205", "S-101", "S-103", "S-301", "S-302",
                 "S-401", "S-501", "S-601", "S-701"],
    "ONC-2402": ["S-202", "S-204", "S-101", "S-301"],
    "CAR-2201": ["S-205", "S-206", "S-207", "S-102", "S-104", "S-302", "S-303", "S-402",
                 "S-502", "S-601", "S-602", "S-702", "S-801"],
    "CAR-2305": ["S-206", "S-207", "S-203", "S-104", "S-602", "S-802"],
    "NEU-2203": ["S-201", "S-206", "S-101", "S-102", "S-301", "S-501", "S-703"],
    "NEU-2401": ["S-201", "S-206", "S-208", "S-101", "S-103", "S-303", "S-501", "S-502",
                 "S-703", "S-901"],
    "END-2102": ["S-205", "S-206", "S-207", "S-104", "S-302", "S-601", "S-602", "S-701"],
    "END-2306": ["S-206", "S-207", "S-208", "S-601", "S-602"],
    "RES-2304": ["S-202", "S-203", "S-102", "S-402", "S-801", "S-802", "S-901"],
    "IMM-2302": ["S-204", "S-101", "S-301", "S-401", "S-701"],
    "IMM-2501": ["S-206", "S-902"],
    "INF-2403": ["S-201", "S-205", "S-206", "S-101", "S-102", "S-501", "S-601", "S-602",
                 "S-701", "S-801"],
    "RES-2405": ["S-202", "S-103", "S-901"],
}  # fmt: skip

# MedDRA preferred term -> (system organ class, typical max grade)
_TERMS = {
    "Nausea": ("Gastrointestinal disorders", 3),
    "Diarrhoea": ("Gastrointestinal disorders", 3),
    "Vomiting": ("Gastrointestinal disorders", 3),
    "Constipation": ("Gastrointestinal disorders", 2),
    "Headache": ("Nervous system disorders", 3),
    "Dizziness": ("Nervous system disorders", 2),
    "Fatigue": ("General disorders and administration site conditions", 3),
    "Pyrexia": ("General disorders and administration site conditions", 3),
    "Injection site reaction": ("General disorders and administration site conditions", 2),
    "Rash": ("Skin and subcutaneous tissue disorders", 3),
    "Pruritus": ("Skin and subcutaneous tissue disorders", 2),
    "Neutropenia": ("Blood and lymphatic system disorders", 4),
    "Anaemia": ("Blood and lymphatic system disorders", 4),
    "Hypertension": ("Vascular disorders", 3),
    "Hypotension": ("Vascular disorders", 3),
    "Atrial fibrillation": ("Cardiac disorders", 4),
    "Myocardial infarction": ("Cardiac disorders", 5),
    "Nasopharyngitis": ("Infections and infestations", 2),
    "Pneumonia": ("Infections and infestations", 5),
    "Urinary tract infection": ("Infections and infestations", 3),
    "Alanine aminotransferase increased": ("Investigations", 4),
    "Hypoglycaemia": ("Metabolism and nutrition disorders", 4),
    "Decreased appetite": ("Metabolism and nutrition disorders", 2),
    "Arthralgia": ("Musculoskeletal and connective tissue disorders", 2),
    "Back pain": ("Musculoskeletal and connective tissue disorders", 2),
    "Cough": ("Respiratory, thoracic and mediastinal disorders", 2),
    "Dyspnoea": ("Respiratory, thoracic and mediastinal disorders", 4),
    "Insomnia": ("Psychiatric disorders", 2),
}
_COMMON = {
    "Nausea": 5,
    "Headache": 5,
    "Fatigue": 5,
    "Diarrhoea": 3,
    "Nasopharyngitis": 4,
    "Dizziness": 2,
    "Back pain": 2,
    "Arthralgia": 2,
    "Cough": 2,
    "Rash": 1,
    "Urinary tract infection": 1,
    "Insomnia": 1,
    "Constipation": 1,
    "Pyrexia": 1,
}
_AREA_TERMS = {
    "Oncology": {"Neutropenia": 8, "Anaemia": 6, "Nausea": 6, "Fatigue": 6, "Vomiting": 4,
                 "Decreased appetite": 4, "Pyrexia": 3, "Pneumonia": 2, "Rash": 2,
                 "Alanine aminotransferase increased": 2, "Dyspnoea": 2},
    "Cardiology": {"Hypotension": 6, "Dizziness": 6, "Atrial fibrillation": 3,
                   "Myocardial infarction": 1, "Dyspnoea": 3, "Hypertension": 1},
    "Neurology": {"Headache": 4, "Dizziness": 4, "Insomnia": 4, "Nausea": 3,
                  "Injection site reaction": 3, "Constipation": 3},
    "Endocrinology": {"Nausea": 8, "Vomiting": 5, "Diarrhoea": 5, "Hypoglycaemia": 5,
                      "Decreased appetite": 4, "Injection site reaction": 2},
    "Respiratory": {"Cough": 6, "Nasopharyngitis": 6, "Dyspnoea": 3, "Pneumonia": 1,
                    "Hypertension": 1},
    "Immunology": {"Injection site reaction": 8, "Nasopharyngitis": 5,
                   "Urinary tract infection": 3, "Pruritus": 3, "Rash": 2,
                   "Alanine aminotransferase increased": 1},
    "Infectious Disease": {"Diarrhoea": 6, "Nausea": 4, "Alanine aminotransferase increased": 4,
                           "Rash": 3, "Pruritus": 2},
}  # fmt: skip
_AE_RATE = {"Oncology": 4.5, "Cardiology": 2.2, "Neurology": 1.8, "Endocrinology": 2.6,
            "Respiratory": 1.6, "Immunology": 1.9, "Infectious Disease": 6.0}  # fmt: skip

_DDL = """
CREATE TABLE trials (
    trial_id INTEGER PRIMARY KEY,
    protocol_no VARCHAR NOT NULL UNIQUE,
    title VARCHAR NOT NULL,
    phase VARCHAR NOT NULL,
    sponsor VARCHAR NOT NULL,
    ther_area VARCHAR NOT NULL,
    imp_code VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    start_dt DATE NOT NULL,
    end_dt DATE,
    target_n INTEGER NOT NULL,
    blinded BOOLEAN NOT NULL
);
CREATE TABLE sites (
    site_id INTEGER PRIMARY KEY,
    site_no VARCHAR NOT NULL UNIQUE,
    hospital VARCHAR NOT NULL,
    city VARCHAR NOT NULL,
    iso_ctry VARCHAR NOT NULL,
    pi_name VARCHAR NOT NULL,
    acad BOOLEAN NOT NULL,
    qual_dt DATE NOT NULL
);
CREATE TABLE trial_sites (
    trial_id INTEGER NOT NULL REFERENCES trials (trial_id),
    site_id INTEGER NOT NULL REFERENCES sites (site_id),
    activ_dt DATE,
    cap_n INTEGER NOT NULL,
    PRIMARY KEY (trial_id, site_id)
);
CREATE TABLE participants (
    ptcp_id INTEGER PRIMARY KEY,
    subj_no VARCHAR NOT NULL UNIQUE,
    trial_id INTEGER NOT NULL REFERENCES trials (trial_id),
    site_id INTEGER NOT NULL REFERENCES sites (site_id),
    sex VARCHAR NOT NULL,
    yob INTEGER NOT NULL,
    weight_kg DECIMAL(5, 1),
    scr_dt DATE NOT NULL,
    scr_fail BOOLEAN NOT NULL,
    enrolled_dt DATE,
    arm VARCHAR,
    dose_mg DECIMAL(6, 1),
    wdrawn_dt DATE,
    wd_rsn VARCHAR,
    compl_dt DATE
);
CREATE TABLE visits (
    visit_id INTEGER PRIMARY KEY,
    ptcp_id INTEGER NOT NULL REFERENCES participants (ptcp_id),
    visit_no INTEGER NOT NULL,
    sched_dt DATE NOT NULL,
    actual_dt DATE,
    missed BOOLEAN NOT NULL,
    remote BOOLEAN NOT NULL,
    weight_kg DECIMAL(5, 1),
    sbp INTEGER
);
CREATE TABLE adverse_events (
    ae_id INTEGER PRIMARY KEY,
    ptcp_id INTEGER NOT NULL REFERENCES participants (ptcp_id),
    meddra_term VARCHAR NOT NULL,
    meddra_soc VARCHAR NOT NULL,
    grade INTEGER NOT NULL,
    sae BOOLEAN NOT NULL,
    rel_cd VARCHAR NOT NULL,
    onset_dt DATE NOT NULL,
    resol_dt DATE,
    rpt_dt DATE NOT NULL,
    void BOOLEAN NOT NULL
);
COMMENT ON COLUMN trials.phase IS
    'P1 = phase I (first-in-human, dose finding), P2 = phase II, P3 = phase III, P4 = phase IV';
COMMENT ON COLUMN trials.status IS
    'PLN = planned, RCT = recruiting, ACT = active (not recruiting), CMP = completed, '
    'TRM = terminated early';
COMMENT ON COLUMN trials.blinded IS
    'True = double-blind, placebo-controlled; false = open-label (all participants on drug)';
COMMENT ON COLUMN sites.iso_ctry IS
    'ISO 3166-1 alpha-2 country code, e.g. GB = United Kingdom, US = United States, DE = Germany';
COMMENT ON COLUMN sites.acad IS
    'True = academic medical centre / university hospital';
COMMENT ON COLUMN trial_sites.activ_dt IS
    'Site activation day for the trial; NULL = not yet activated';
COMMENT ON COLUMN trial_sites.cap_n IS
    'Maximum number of participants the site may enrol in the trial';
COMMENT ON COLUMN participants.yob IS 'Year of birth';
COMMENT ON COLUMN participants.scr_fail IS
    'True = screen failure: screened but never enrolled (no enrolled_dt, arm, dose)';
COMMENT ON COLUMN participants.arm IS
    'PBO = placebo, TRT = investigational drug; NULL = screen failure';
COMMENT ON COLUMN participants.dose_mg IS
    'Assigned daily dose of study drug in mg; 0 = placebo';
COMMENT ON COLUMN participants.wd_rsn IS
    'AE = adverse event, WC = withdrew consent, LFU = lost to follow-up, PD = protocol deviation, '
    'DTH = death, SPN = sponsor stopped the trial';
COMMENT ON COLUMN participants.compl_dt IS
    'Day the participant completed the trial; NULL = not completed';
COMMENT ON COLUMN visits.missed IS
    'True = participant did not attend the visit; false = attended or not yet due';
COMMENT ON COLUMN visits.remote IS 'True = telephone/video visit, no measurements';
COMMENT ON COLUMN visits.sbp IS 'Systolic blood pressure in mmHg';
COMMENT ON COLUMN adverse_events.meddra_term IS 'MedDRA preferred term';
COMMENT ON COLUMN adverse_events.meddra_soc IS 'MedDRA system organ class';
COMMENT ON COLUMN adverse_events.grade IS
    'CTCAE grade: 1 = mild, 2 = moderate, 3 = severe, 4 = life-threatening, 5 = death';
COMMENT ON COLUMN adverse_events.sae IS
    'True = serious adverse event (hospitalisation, life-threatening or fatal)';
COMMENT ON COLUMN adverse_events.rel_cd IS
    'Causality: NR = not related, UL = unlikely, PS = possibly, PB = probably, DF = definitely';
COMMENT ON COLUMN adverse_events.resol_dt IS 'Day resolved; NULL = ongoing or fatal';
COMMENT ON COLUMN adverse_events.rpt_dt IS 'Day the site reported the event to the CRO';
COMMENT ON COLUMN adverse_events.void IS
    'True = voided by data management (duplicate or entered in error); ignore voided records';
"""

_DROP_ORDER = ["adverse_events", "visits", "participants", "trial_sites", "sites", "trials"]


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) through an Arrow table (fast)."""
    if not rows:
        return
    names = [d[0] for d in con.execute(f"SELECT * FROM {table} LIMIT 0").description]
    data = pa.table(
        {name: list(col) for name, col in zip(names, zip(*rows, strict=True), strict=True)}
    )
    con.register("_ct_rows", data)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _ct_rows")
    finally:
        con.unregister("_ct_rows")


def _days(a: dt.date, b: dt.date) -> int:
    return (b - a).days


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the clinical-trials tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ------------------------------------------------------------- trials, sites
    trials = []
    for tid, t in enumerate(_TRIALS, start=1):
        (proto, _title, phase, _sponsor, area, _imp, status, start, end, target, blinded,
         doses, iv_wk, n_vis, recr_end) = t  # fmt: skip
        trials.append(dict(id=tid, proto=proto, status=status, start=start, end=end,
                           target=target, blinded=blinded, doses=doses, iv=iv_wk * 7,
                           n_vis=n_vis, recr_end=recr_end, area=area, phase=phase))  # fmt: skip
    _insert(con, "trials", [(i, *t[:11]) for i, t in enumerate(_TRIALS, start=1)])
    site_by_no = {}
    for sid, s in enumerate(_SITES, start=1):
        site_by_no[s[0]] = dict(id=sid, no=s[0], qual=s[6], prod=s[7])
    _insert(con, "sites", [(i, *s[:7]) for i, s in enumerate(_SITES, start=1)])

    # ---------------------------------------------------------------- trial sites
    trial_sites = []
    ts_info: dict[int, list[dict]] = {}
    for tr in trials:
        nos = _TRIAL_SITES[tr["proto"]]
        per_site = tr["target"] / len(nos)
        ts_info[tr["id"]] = []
        for k, no in enumerate(nos):
            s = site_by_no[no]
            if tr["status"] == "PLN":
                activ = None
            else:
                activ = tr["start"] + dt.timedelta(days=k * rng.randint(12, 30) + rng.randint(0, 9))
                activ = max(activ, s["qual"] + dt.timedelta(days=30))
            cap = round(per_site * rng.uniform(1.2, 1.6))
            trial_sites.append((tr["id"], s["id"], activ, cap))
            ts_info[tr["id"]].append(dict(site=s, activ=activ, cap=cap, n=0))
    # late activations: a site joining after today, a site never activated
    fix = {("RES-2405", "S-901"): dt.date(2025, 4, 14), ("NEU-2401", "S-901"): None,
           ("INF-2403", "S-801"): dt.date(2025, 6, 2)}  # fmt: skip
    for i, (tid, sid, _activ, cap) in enumerate(trial_sites):
        key = (trials[tid - 1]["proto"], _SITES[sid - 1][0])
        if key in fix:
            trial_sites[i] = (tid, sid, fix[key], cap)
            for info in ts_info[tid]:
                if info["site"]["id"] == sid:
                    info["activ"] = fix[key]
    _insert(con, "trial_sites", trial_sites)

    # ------------------------------------------------------------- participants
    frac = {"CMP": 1.0, "ACT": 0.93, "TRM": 0.62, "RCT": None, "PLN": 0.0}
    participants = []
    visits = []
    aes = []
    area_terms = {a: {**{k: 0.6 * v for k, v in _COMMON.items()}, **w}
                  for a, w in _AREA_TERMS.items()}  # fmt: skip
    for tr in trials:
        if tr["status"] == "PLN":
            continue
        recr_start = tr["start"] + dt.timedelta(days=14)
        recr_stop = tr["recr_end"] or tr["end"] or LAST_DAY
        recr_stop = min(recr_stop, LAST_DAY)
        if tr["status"] == "TRM":  # recruitment was paused a month before termination
            recr_stop -= dt.timedelta(days=30)
        if frac[tr["status"]] is None:
            # recruiting: fraction of target reached grows with time since start
            elapsed = _days(tr["start"], LAST_DAY)
            f = min(0.85, 0.12 + elapsed / 1500)
        else:
            f = frac[tr["status"]]
        n_enrol = round(tr["target"] * f * rng.uniform(0.95, 1.02))
        span = _days(recr_start, recr_stop)
        # screening days: roughly uniform, accelerating a little over time
        screen_days = []
        n_screen = int(n_enrol * rng.uniform(1.15, 1.25))
        for _ in range(n_screen):
            u = rng.random() ** 0.85
            screen_days.append(recr_start + dt.timedelta(days=int(u * span)))
        screen_days.sort()
        seq: dict[int, int] = {}
        enrolled_so_far = 0
        dose_cohort = 0
        for sday in screen_days:
            cands = [x for x in ts_info[tr["id"]] if x["activ"] is not None and x["activ"] <= sday
                     and x["n"] < x["cap"]]  # fmt: skip
            if not cands:
                continue
            ts = rng.choices(cands, weights=[c["site"]["prod"] for c in cands])[0]
            site = ts["site"]
            seq[site["id"]] = seq.get(site["id"], 0) + 1
            subj = f"{tr['proto']}-{site['no'][2:]}-{seq[site['id']]:03d}"
            sex = "F" if rng.random() < 0.47 else "M"
            age = {
                "Oncology": 63,
                "Cardiology": 66,
                "Neurology": 41,
                "Endocrinology": 58,
                "Respiratory": 52,
                "Immunology": 44,
                "Infectious Disease": 55,
            }[tr["area"]]
            if tr["phase"] == "P1" and tr["area"] != "Oncology":
                age = 35
            yob = sday.year - max(18, min(85, int(rng.gauss(age, 11))))
            wt = rng.gauss(84 if sex == "M" else 71, 14)
            if tr["area"] == "Endocrinology":
                wt += 12
            weight = round(max(42.0, wt), 1) if rng.random() > 0.05 else None
            fail = rng.random() < 0.17 or enrolled_so_far >= n_enrol
            pid = len(participants) + 1
            if fail:
                participants.append((pid, subj, tr["id"], site["id"], sex, yob, weight, sday, True,
                                     None, None, None, None, None, None))  # fmt: skip
                continue
            enrolled_so_far += 1
            ts["n"] += 1
            enr = sday + dt.timedelta(days=rng.randint(3, 28))
            if enr > LAST_DAY:
                enr = LAST_DAY - dt.timedelta(days=rng.randint(0, 3))
                enr = max(enr, sday)
            arm = ("TRT" if rng.random() < 0.5 else "PBO") if tr["blinded"] else "TRT"
            if arm == "PBO":
                dose = 0.0
            elif tr["phase"] == "P1":
                dose_cohort = min(len(tr["doses"]) - 1, (enrolled_so_far - 1) * len(tr["doses"])
                                  // max(1, int(tr["target"] * 0.9)))  # fmt: skip
                dose = tr["doses"][dose_cohort]
            else:
                dose = rng.choice(tr["doses"])
            # visit schedule and disposition
            sched = [enr + dt.timedelta(days=k * tr["iv"]) for k in range(tr["n_vis"])]
            planned_end = sched[-1]
            wd_dt, wd_rsn = None, None
            r = rng.random()
            p_wd = (
                0.16 + (0.06 if arm == "TRT" else 0.0) + (0.08 if tr["area"] == "Oncology" else 0)
            )
            if r < p_wd:
                wd_rsn = rng.choices(["WC", "LFU", "AE", "PD", "DTH"],
                                     weights=[34, 20, 26 if arm == "TRT" else 10, 10,
                                              8 if tr["area"] == "Oncology" else 1])[0]  # fmt: skip
                wd_dt = enr + dt.timedelta(days=rng.randint(10, max(11, _days(enr, planned_end))))
                if wd_dt > LAST_DAY:
                    wd_dt, wd_rsn = None, None
            if (
                tr["status"] == "TRM"
                and (wd_dt is None or wd_dt > tr["end"])
                and planned_end > tr["end"]
            ):
                wd_dt, wd_rsn = tr["end"], "SPN"
            # visits
            compl = None
            lfu = wd_rsn == "LFU"
            for k, sd in enumerate(sched, start=1):
                if wd_dt is not None and sd > wd_dt:
                    break
                remote = k > 1 and k < len(sched) and rng.random() < 0.08
                if k == 1:
                    actual, missed = enr, False
                elif sd > LAST_DAY:
                    actual, missed = None, False
                else:
                    p_miss = 0.05 if not lfu else 0.45
                    if rng.random() < p_miss and k < len(sched):
                        actual, missed = None, True
                    else:
                        off = rng.randint(-3, 4) if rng.random() < 0.9 else rng.randint(5, 16)
                        actual, missed = sd + dt.timedelta(days=off), False
                        if actual > LAST_DAY:
                            actual = None
                        elif wd_dt is not None and actual > wd_dt:
                            actual = wd_dt
                if actual is None or remote:
                    vw, bp = None, None
                else:
                    base = weight if weight is not None else 75.0
                    drift = -0.35 * k if (tr["area"] == "Endocrinology" and arm == "TRT") else 0.0
                    vw = round(base + drift + rng.gauss(0, 1.2), 1) if rng.random() > 0.06 else None
                    bp0 = 152 if tr["area"] == "Cardiology" else 128
                    if tr["area"] == "Cardiology" and arm == "TRT":
                        bp0 -= min(14, 2 * k)
                    bp = int(rng.gauss(bp0, 11)) if rng.random() > 0.04 else None
                visits.append((pid, k, sd, actual, missed, remote, vw, bp))
                if k == len(sched) and actual is not None and wd_dt is None:
                    compl = actual
            # adverse events
            stop = min(x for x in (wd_dt, compl, LAST_DAY) if x is not None)
            exposure = max(1, _days(enr, stop))
            lam = _AE_RATE[tr["area"]] * (1.35 if arm == "TRT" else 1.0) * exposure / 180
            n_ae = 0
            while rng.random() < lam / (lam + 1) and n_ae < 12:
                n_ae += 1
            tw = area_terms[tr["area"]]
            forced = []
            if wd_rsn == "DTH":
                term = rng.choice(["Myocardial infarction", "Pneumonia"]) \
                    if tr["area"] != "Oncology" else rng.choice(["Pneumonia", "Neutropenia",
                                                                  "Dyspnoea"])  # fmt: skip
                forced.append((term, 5, wd_dt - dt.timedelta(days=rng.randint(0, 6))))
            elif wd_rsn == "AE":
                term = rng.choices(list(tw), weights=list(tw.values()))[0]
                forced.append((term, rng.choice([2, 3, 3, 4]),
                               wd_dt - dt.timedelta(days=rng.randint(1, 12))))  # fmt: skip
            for _ in range(n_ae):
                term = rng.choices(list(tw), weights=list(tw.values()))[0]
                onset = enr + dt.timedelta(days=rng.randint(0, exposure))
                gmax = _TERMS[term][1]
                g = rng.choices([1, 2, 3, 4], weights=[50, 31, 15, 4] if arm == "TRT"
                              else [58, 30, 10, 2])[0]  # fmt: skip
                g = min(g, gmax, 4)
                forced.append((term, g, onset))
            for term, g, onset in forced:
                onset = max(onset, enr)
                onset = min(onset, LAST_DAY)
                soc = _TERMS[term][0]
                if g >= 4:
                    sae = True
                elif g == 3:
                    sae = rng.random() < 0.4
                elif g == 2:
                    sae = rng.random() < 0.04
                else:
                    sae = False
                if arm == "PBO":
                    rel = rng.choices(["NR", "UL", "PS", "PB", "DF"], weights=[45, 30, 20, 5, 0])[0]
                else:
                    rel = rng.choices(["NR", "UL", "PS", "PB", "DF"],
                                      weights=[25, 20, 30, 18, 7])[0]  # fmt: skip
                if g == 5:
                    resol = None
                else:
                    dur = int(rng.expovariate(1 / (4 + 6 * g)))
                    resol = onset + dt.timedelta(days=dur)
                    if resol > LAST_DAY or rng.random() < 0.04:
                        resol = None
                if sae:
                    if rng.random() < 0.55:
                        delay = 0
                    else:
                        delay = 1 if rng.random() < 0.75 else rng.randint(2, 9)
                else:
                    delay = rng.randint(0, 35)
                rpt = min(onset + dt.timedelta(days=delay), LAST_DAY)
                aes.append([pid, term, soc, g, sae, rel, onset, resol, rpt, False])
                if rng.random() < 0.035:  # duplicate entry, later voided
                    dup = list(aes[-1])
                    dup[8] = min(rpt + dt.timedelta(days=rng.randint(0, 20)), LAST_DAY)
                    dup[9] = True
                    aes.append(dup)
                elif rng.random() < 0.015:  # entered in error (wrong grade), voided
                    bad = list(aes[-1])
                    bad[3] = min(5, g + 1) if g < 4 else g
                    bad[9] = True
                    aes.append(bad)
            participants.append((pid, subj, tr["id"], site["id"], sex, yob, weight, sday, False,
                                 enr, arm, dose, wd_dt, wd_rsn, compl))  # fmt: skip
    # participant ids must follow insertion order
    participants.sort(key=lambda p: p[0])
    _insert(con, "participants", participants)
    visits.sort(key=lambda v: (v[2], v[0], v[1]))
    _insert(con, "visits", [(i, *v) for i, v in enumerate(visits, start=1)])
    aes.sort(key=lambda a: (a[6], a[0], a[9]))
    _insert(con, "adverse_events", [(i, *a) for i, a in enumerate(aes, start=1)])
