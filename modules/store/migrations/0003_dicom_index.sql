-- Lumen schema version 3: the DICOM archive index (patient / study / series / instance) and
-- the known application entities.
CREATE TABLE dicom_studies (
    id                   INTEGER PRIMARY KEY,
    study_uid            TEXT NOT NULL UNIQUE,
    patient_id           INTEGER REFERENCES patients(id), -- the matched Lumen patient; NULL = unmatched
    dicom_patient_id     TEXT NOT NULL DEFAULT '',
    issuer_of_patient_id TEXT NOT NULL DEFAULT '',
    other_patient_ids    TEXT NOT NULL DEFAULT '',
    patient_name         TEXT NOT NULL DEFAULT '',
    patient_name_key     TEXT NOT NULL DEFAULT '', -- upper-cased for case-insensitive matching
    patient_birth_date   TEXT NOT NULL DEFAULT '',
    patient_sex          TEXT NOT NULL DEFAULT '',
    study_date           TEXT NOT NULL DEFAULT '',
    study_time           TEXT NOT NULL DEFAULT '',
    accession_number     TEXT NOT NULL DEFAULT '',
    study_id             TEXT NOT NULL DEFAULT '',
    study_description    TEXT NOT NULL DEFAULT '',
    referring_physician  TEXT NOT NULL DEFAULT '',
    character_set        TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX dicom_studies_patient ON dicom_studies(dicom_patient_id);
CREATE INDEX dicom_studies_accession ON dicom_studies(accession_number);
CREATE INDEX dicom_studies_date ON dicom_studies(study_date);
CREATE INDEX dicom_studies_name ON dicom_studies(patient_name_key);
CREATE INDEX dicom_studies_lumen_patient ON dicom_studies(patient_id);

CREATE TABLE dicom_series (
    id                 INTEGER PRIMARY KEY,
    study_id           INTEGER NOT NULL REFERENCES dicom_studies(id),
    series_uid         TEXT NOT NULL UNIQUE,
    modality           TEXT NOT NULL DEFAULT '',
    series_number      TEXT NOT NULL DEFAULT '',
    series_description TEXT NOT NULL DEFAULT '',
    body_part          TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL
);
CREATE INDEX dicom_series_study ON dicom_series(study_id);

CREATE TABLE dicom_instances (
    id                  INTEGER PRIMARY KEY,
    series_id           INTEGER NOT NULL REFERENCES dicom_series(id),
    sop_instance_uid    TEXT NOT NULL UNIQUE,
    sop_class_uid       TEXT NOT NULL,
    transfer_syntax_uid TEXT NOT NULL DEFAULT '',
    instance_number     TEXT NOT NULL DEFAULT '',
    rows                INTEGER NOT NULL DEFAULT 0,
    columns             INTEGER NOT NULL DEFAULT 0,
    frames              INTEGER NOT NULL DEFAULT 1,
    file_path           TEXT NOT NULL, -- relative to the data folder
    file_size           INTEGER NOT NULL,
    calling_ae          TEXT NOT NULL DEFAULT '',
    hidden              INTEGER NOT NULL DEFAULT 0, -- rejected by a KOS rejection note
    received_at         TEXT NOT NULL
);
CREATE INDEX dicom_instances_series ON dicom_instances(series_id);

CREATE TABLE dicom_aes (
    id           INTEGER PRIMARY KEY,
    ae_title     TEXT NOT NULL UNIQUE,
    host         TEXT NOT NULL,
    port         INTEGER NOT NULL,
    can_store    INTEGER NOT NULL DEFAULT 1,
    can_query    INTEGER NOT NULL DEFAULT 1,
    can_retrieve INTEGER NOT NULL DEFAULT 1,
    description  TEXT NOT NULL DEFAULT ''
);
