-- Lumen schema version 7: a study knows the exam (order) it was made for, so that the exam
-- learns when its images arrived. NULL: not linked (no exam carries its accession number, the
-- exam is another patient's and awaits reconciliation, or the link was undone by hand).
-- Several studies may belong to one exam (e.g. a PET/CT sent as two studies).
ALTER TABLE dicom_studies ADD COLUMN exam_id INTEGER REFERENCES exams(id);
CREATE INDEX dicom_studies_exam ON dicom_studies(exam_id);
