-- Lumen schema version 1: users and roles, patients with their hospital identifiers, audit trail.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    created_at    TEXT NOT NULL
);

CREATE TABLE user_roles (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    department TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (user_id, role, department)
);

CREATE TABLE patients (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL,
    sex                TEXT NOT NULL DEFAULT 'U' CHECK (sex IN ('M', 'F', 'O', 'U')),
    birth_date         TEXT,
    phone              TEXT,
    address            TEXT,
    national_id        TEXT UNIQUE,
    medical_card_no    TEXT UNIQUE,
    outpatient_no      TEXT UNIQUE,
    inpatient_no       TEXT UNIQUE,
    registration_no    TEXT UNIQUE,
    social_security_no TEXT UNIQUE,
    his_patient_id     TEXT UNIQUE,
    confidential       INTEGER NOT NULL DEFAULT 0,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX patients_name_birth ON patients(name, birth_date);
CREATE INDEX patients_phone ON patients(phone);

CREATE TABLE audit_log (
    seq            INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    user           TEXT NOT NULL,
    client_address TEXT NOT NULL,
    action         TEXT NOT NULL,
    object_type    TEXT NOT NULL,
    object_id      TEXT NOT NULL,
    patient_id     INTEGER,
    detail         TEXT NOT NULL,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
);
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX audit_user_at ON audit_log(user, at);
CREATE INDEX audit_patient_at ON audit_log(patient_id, at);
CREATE INDEX audit_action_at ON audit_log(action, at);
