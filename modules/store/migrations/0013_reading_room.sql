-- Reading room: measurements and marks per image frame, and viewer settings (hanging
-- protocols, window presets, screen arrangement) per user and per department.
CREATE TABLE image_annotations (
    sop_instance_uid TEXT NOT NULL,
    frame            INTEGER NOT NULL,
    study_uid        TEXT NOT NULL,
    items            TEXT NOT NULL, -- JSON array, validated by the server
    updated_by       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (sop_instance_uid, frame)
);
CREATE INDEX image_annotations_study ON image_annotations(study_uid);

CREATE TABLE viewer_settings (
    key        TEXT NOT NULL,
    scope      TEXT NOT NULL CHECK (scope IN ('user', 'department')),
    owner      TEXT NOT NULL, -- the username or the department
    value      TEXT NOT NULL, -- JSON object
    version    INTEGER NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (key, scope, owner)
);
