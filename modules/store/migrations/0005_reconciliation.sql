-- Lumen schema version 5: what archive repair changed, so that retrieval can make delivered
-- headers say what the index says without reading the stored files.
-- A moved series keeps the Study Instance UID its files carry (NULL: never moved, or moved
-- back to it).
ALTER TABLE dicom_series ADD COLUMN original_study_uid TEXT;
CREATE INDEX dicom_series_original_study ON dicom_series(original_study_uid);
-- A study assigned to a Lumen patient by hand carries that patient's DICOM attributes; the
-- ones it was received with are kept here for undo (NULL: the received ones are in use).
ALTER TABLE dicom_studies ADD COLUMN received_patient_id TEXT;
ALTER TABLE dicom_studies ADD COLUMN received_issuer_of_patient_id TEXT;
ALTER TABLE dicom_studies ADD COLUMN received_patient_name TEXT;
ALTER TABLE dicom_studies ADD COLUMN received_patient_birth_date TEXT;
ALTER TABLE dicom_studies ADD COLUMN received_patient_sex TEXT;
