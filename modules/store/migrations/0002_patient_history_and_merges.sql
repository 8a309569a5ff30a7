-- Lumen schema version 2: history of every patient change, and reversible merges.
ALTER TABLE patients ADD COLUMN merged_into INTEGER REFERENCES patients(id);
CREATE INDEX patients_merged_into ON patients(merged_into);

CREATE TABLE patient_history (
    id         INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    at         TEXT NOT NULL,
    user       TEXT NOT NULL,
    action     TEXT NOT NULL,
    before     TEXT,
    after      TEXT
);
CREATE INDEX patient_history_patient ON patient_history(patient_id, id);

CREATE TABLE patient_merges (
    id          INTEGER PRIMARY KEY,
    target_id   INTEGER NOT NULL REFERENCES patients(id),
    source_id   INTEGER NOT NULL REFERENCES patients(id),
    merged_at   TEXT NOT NULL,
    merged_by   TEXT NOT NULL,
    unmerged_at TEXT,
    unmerged_by TEXT
);
CREATE INDEX patient_merges_source ON patient_merges(source_id);
