// A third-party DICOMweb peer for Lumen's integration tests: npm dicomweb-client (the client
// OHIF uses) stores files with STOW-RS, finds them with QIDO-RS and retrieves each instance with
// WADO-RS from the real lumen-server, then prints what it got as one "RESULT {json}" line.
//
// usage: node dicomweb_client_peer.cjs BASE_URL TOKEN PATIENT_ID FILE...
// Only search, retrieve-instance and store are used: metadata is not implemented by the server yet.
'use strict';

const fs = require('fs');
const crypto = require('crypto');

// dicomweb-client talks through XMLHttpRequest, which Node lacks.
global.XMLHttpRequest = require('xhr2');
const { api } = require('dicomweb-client');

function sha256(bytes) {
  return crypto.createHash('sha256').update(Buffer.from(bytes)).digest('hex');
}

function firstValue(object, tag) {
  const attribute = object[tag];
  return attribute && attribute.Value ? attribute.Value[0] : undefined;
}

async function main() {
  const [base, token, patientId, ...files] = process.argv.slice(2);
  if (!base || !token || !patientId || files.length === 0) {
    console.error('usage: node dicomweb_client_peer.cjs BASE_URL TOKEN PATIENT_ID FILE...');
    process.exit(2);
  }
  const client = new api.DICOMwebClient({
    url: base + '/dicom-web',
    headers: { Authorization: 'Bearer ' + token },
  });

  const datasets = files.map((file) => {
    const bytes = fs.readFileSync(file);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  });
  const stowAnswer = await client.storeInstances({ datasets });

  const studies = await client.searchForStudies({ queryParams: { PatientID: patientId } });
  const instances = [];
  for (const study of studies) {
    const studyInstanceUID = firstValue(study, '0020000D');
    for (const series of await client.searchForSeries({ studyInstanceUID })) {
      const seriesInstanceUID = firstValue(series, '0020000E');
      for (const instance of await client.searchForInstances({ studyInstanceUID, seriesInstanceUID })) {
        const sopInstanceUID = firstValue(instance, '00080018');
        const bytes = await client.retrieveInstance({ studyInstanceUID, seriesInstanceUID, sopInstanceUID });
        instances.push({
          study: studyInstanceUID,
          series: seriesInstanceUID,
          sop: sopInstanceUID,
          bytes: bytes.byteLength,
          sha256: sha256(bytes),
        });
      }
    }
  }

  // A refused request must surface as an error with the HTTP status.
  let unauthorizedStatus = null;
  try {
    await new api.DICOMwebClient({ url: base + '/dicom-web' }).searchForStudies();
  } catch (error) {
    unauthorizedStatus = error && error.status !== undefined ? error.status : String(error);
  }

  const result = {
    stored: typeof stowAnswer === 'string' ? JSON.parse(stowAnswer) : stowAnswer,
    studies: studies.map((s) => ({
      study: firstValue(s, '0020000D'),
      patientId: firstValue(s, '00100020'),
      patientName: firstValue(s, '00100010'),
      instances: firstValue(s, '00201208'),
    })),
    instances,
    unauthorizedStatus,
  };
  console.log('RESULT ' + JSON.stringify(result));
}

main().catch((error) => {
  console.error('dicomweb-client peer failed:', error && (error.status || error.message || error));
  process.exit(1);
});
