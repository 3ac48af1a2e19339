// The kiosk page: pick a concept, pay (the pre-request wakes the generator), take 1-4 photos,
// upload each straight to S3, follow the conversion's events, show the results and a QR code.
// It uses only the public API (api.js), exactly as a vendor's own kiosk would.

import { ApiError, KioskApi, newIdempotencyKey, Problems, putPhoto } from './api.js';
import { captureFrame, closeCamera, fileToJpeg, openCamera } from './photos.js';

const KEY_STORAGE = 'photobooth.apiKey';
const COUNTDOWN_SECONDS = 3;
const CONCEPT_REFRESH_MS = 5000;
const RESULTS_IDLE_MS = 120000;
const EVENTS_GRACE_MS = 3000;

const GENERATOR_STATES = {
  READY: 'Ready',
  STARTING: 'Warming up',
  STOPPED: 'Asleep: wakes up when you pay',
  STOPPING: 'Going to sleep',
};

const EVENT_LABELS = {
  queued: () => 'Queued',
  processing: (data) => `Converting photo ${data.shot}`,
  'shot-done': (data) => (data.status === 'DONE' ? `Photo ${data.shot} done`
    : `Photo ${data.shot} ${data.status === 'EXPIRED' ? 'not converted in time' : 'failed'}${
      data.error ? `: ${data.error}` : ''}`),
  done: () => 'All done',
  failed: () => 'Finished with a failed photo',
  expired: () => 'Not converted in time',
};

const $ = (id) => document.getElementById(id);

const kiosk = {
  api: null,
  concepts: [],
  concept: null,
  shots: 1,
  request: null,
  paymentKey: null,
  photos: [],
  uploads: [],
  seenEvents: new Set(),
  stopEvents: null,
  camera: null,
  timer: null,
};

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value);
  }
  children.forEach((child) => node.append(child));
  return node;
}

function show(screen) {
  document.querySelectorAll('.screen').forEach((section) => {
    section.hidden = section.id !== `screen-${screen}`;
  });
  document.body.dataset.screen = screen;
  delete document.body.dataset.error; // fail() sets it again for the error screen
  // the key can be changed between customers only: not in a customer's session, whose calls are under way
  $('settings').hidden = screen !== 'concepts' && screen !== 'error';
  clearTimeout(kiosk.timer);
  kiosk.timer = null;
}

// --- the API key -----------------------------------------------------------------------------

function showKey() {
  show('key');
  $('cancel-key').hidden = !localStorage.getItem(KEY_STORAGE);
  $('api-key').value = '';
  $('api-key').focus();
}

function saveKey(event) {
  event.preventDefault();
  const key = $('api-key').value.trim();
  if (key) {
    localStorage.setItem(KEY_STORAGE, key);
    kiosk.api = new KioskApi(key);
    loadConcepts();
  }
}

// --- concepts and payment --------------------------------------------------------------------

async function loadConcepts() {
  try {
    kiosk.concepts = await kiosk.api.concepts();
  } catch (error) {
    fail(error, { label: 'Try again', action: loadConcepts });
    return;
  }
  if (!kiosk.concepts.some((concept) => concept.name === kiosk.concept)) {
    kiosk.concept = kiosk.concepts.length ? kiosk.concepts[0].name : null;
  }
  renderConcepts();
  selectShots(kiosk.shots);
  show('concepts');
  scheduleConceptRefresh();
}

function renderConcepts() {
  const list = $('concepts');
  list.replaceChildren(...kiosk.concepts.map((concept) => {
    const card = element('button', {
      type: 'button', class: 'concept', role: 'listitem', 'data-concept': concept.name,
    });
    if (concept.sample) {
      card.append(element('div', { class: 'samples' },
        element('img', { class: 'sample-before', src: concept.sample.before, alt: 'before' }),
        element('span', { class: 'arrow', text: '→', 'aria-hidden': 'true' }),
        element('img', { class: 'sample-after', src: concept.sample.after, alt: `${concept.displayName} sample` })));
    }
    card.append(element('span', { class: 'concept-name', text: concept.displayName }),
      element('span', { class: 'generator-state' }));
    card.addEventListener('click', () => selectConcept(concept.name));
    return card;
  }));
  updateConcepts();
}

function updateConcepts() {
  document.querySelectorAll('.concept').forEach((card) => {
    const concept = kiosk.concepts.find((c) => c.name === card.dataset.concept);
    card.setAttribute('aria-pressed', String(concept.name === kiosk.concept));
    const badge = card.querySelector('.generator-state');
    badge.dataset.state = concept.generator;
    badge.textContent = GENERATOR_STATES[concept.generator] || concept.generator;
  });
  const chosen = kiosk.concepts.find((c) => c.name === kiosk.concept);
  $('pay').disabled = !chosen;
  $('pay').textContent = chosen
    ? `Pay for ${kiosk.shots} ${chosen.displayName} photo${kiosk.shots > 1 ? 's' : ''}` : 'No style to choose';
}

function scheduleConceptRefresh() {
  kiosk.timer = setTimeout(async () => {
    try {
      const concepts = await kiosk.api.concepts();
      if (document.body.dataset.screen === 'concepts') {
        kiosk.concepts = concepts;
        if (concepts.length !== document.querySelectorAll('.concept').length) {
          renderConcepts();
        } else {
          updateConcepts();
        }
      }
    } catch (error) {
      // the next refresh tries again
    }
    if (document.body.dataset.screen === 'concepts') {
      scheduleConceptRefresh();
    }
  }, CONCEPT_REFRESH_MS);
}

function selectConcept(name) {
  kiosk.concept = name;
  updateConcepts();
}

function selectShots(shots) {
  kiosk.shots = shots;
  document.querySelectorAll('[data-shots]').forEach((button) => {
    button.setAttribute('aria-pressed', String(Number(button.dataset.shots) === shots));
  });
  updateConcepts();
}

/** The Pay button: a new payment, with its own Idempotency-Key. */
function payNow() {
  kiosk.paymentKey = newIdempotencyKey();
  pay();
}

/** The pre-request of the current payment; a retry sends the same key, so it records nothing twice. */
async function pay() {
  $('pay').disabled = true;
  try {
    kiosk.request = await kiosk.api.preRequest(kiosk.concept, kiosk.shots, kiosk.paymentKey);
  } catch (error) {
    fail(error, { label: 'Try again', action: pay });
    return;
  } finally {
    $('pay').disabled = false;
  }
  releasePhotos();
  kiosk.seenEvents = new Set();
  $('events').replaceChildren();
  startCapture();
}

// --- shots and uploads -----------------------------------------------------------------------

async function startCapture() {
  show('capture');
  const { shots, generator } = kiosk.request;
  $('generator-note').textContent = generator === 'READY'
    ? 'The generator is ready.' : 'The generator is warming up while you pose.';
  $('shots').replaceChildren(...Array.from({ length: shots }, (_, i) => element('li',
    { 'data-shot': i + 1, 'data-status': 'waiting' },
    element('div', { class: 'thumb' }),
    element('progress', { max: '1', value: '0' }),
    element('span', { class: 'shot-status', text: `Photo ${i + 1}` }))));
  updateCaptureTitle();
  kiosk.camera = await openCamera($('preview'));
  useCamera(kiosk.camera !== null);
}

function useCamera(camera) {
  const more = kiosk.photos.length < kiosk.request.shots;
  $('camera').hidden = !camera || !more;
  $('take-shot').hidden = !camera || !more;
  $('use-file').hidden = !camera || !more;
  $('file-picker').hidden = camera || !more;
  if (!camera) {
    closeCamera(kiosk.camera);
    kiosk.camera = null;
  }
}

function updateCaptureTitle() {
  const next = kiosk.photos.length + 1;
  $('capture-title').textContent = next <= kiosk.request.shots
    ? `Photo ${next} of ${kiosk.request.shots}` : 'Uploading your photos…';
}

async function takeShot() {
  $('take-shot').disabled = true;
  const countdown = $('countdown');
  countdown.hidden = false;
  for (let s = COUNTDOWN_SECONDS; s > 0; s--) {
    countdown.textContent = String(s);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  countdown.hidden = true;
  $('take-shot').disabled = false;
  addPhoto(await captureFrame($('preview')));
}

async function pickFile() {
  const file = $('photo-file').files[0];
  $('photo-file').value = '';
  if (!file) {
    return;
  }
  try {
    addPhoto(await fileToJpeg(file));
  } catch (error) {
    $('generator-note').textContent = 'That file is not a photo this kiosk can read. Please choose another.';
  }
}

function addPhoto(blob) {
  const photo = { shot: kiosk.photos.length + 1, blob, url: URL.createObjectURL(blob) };
  kiosk.photos.push(photo);
  const item = shotItem(photo.shot);
  item.querySelector('.thumb').replaceChildren(element('img', { src: photo.url, alt: `Photo ${photo.shot}` }));
  kiosk.uploads[photo.shot - 1] = upload(photo);
  updateCaptureTitle();
  if (kiosk.photos.length === kiosk.request.shots) {
    useCamera(false);
    $('file-picker').hidden = true;
    uploadsFinished();
  }
}

function shotItem(shot) {
  return $('shots').querySelector(`li[data-shot="${shot}"]`);
}

function setUpload(shot, status, text, progress) {
  const item = shotItem(shot);
  item.dataset.status = status;
  item.querySelector('.shot-status').textContent = text;
  if (progress !== undefined) {
    item.querySelector('progress').value = progress;
  }
}

/** Uploads one photo; an expired upload URL (403) is replaced once by a fresh one. */
async function upload(photo) {
  setUpload(photo.shot, 'uploading', `Photo ${photo.shot}: uploading`, 0);
  const onProgress = (share) => setUpload(photo.shot, 'uploading',
    `Photo ${photo.shot}: ${Math.round(share * 100)} %`, share);
  let status = await putPhoto(kiosk.request.uploads[photo.shot - 1], photo.blob, onProgress);
  if (status === 403) {
    try {
      kiosk.request.uploads = await kiosk.api.uploadUrls(kiosk.request.requestId);
      status = await putPhoto(kiosk.request.uploads[photo.shot - 1], photo.blob, onProgress);
    } catch (error) {
      status = 0;
    }
  }
  const ok = status >= 200 && status < 300;
  setUpload(photo.shot, ok ? 'uploaded' : 'failed',
    ok ? `Photo ${photo.shot}: uploaded` : `Photo ${photo.shot}: upload failed`, ok ? 1 : 0);
  return ok;
}

async function uploadsFinished() {
  const results = await Promise.all(kiosk.uploads);
  if (results.every(Boolean)) {
    convert();
    return;
  }
  fail(new ApiError(0, { title: 'A photo did not upload', detail: 'Check the connection and try again.' }),
    { label: 'Upload again', action: retryUploads });
}

/** The main request found shots missing in S3: uploads those again (same request), then asks again. */
function uploadMissing(missingShots) {
  const shots = missingShots && missingShots.length ? missingShots : kiosk.photos.map((photo) => photo.shot);
  shots.forEach((shot) => setUpload(shot, 'failed', `Photo ${shot}: upload failed`, 0));
  retryUploads();
}

function retryUploads() {
  show('capture');
  kiosk.uploads = kiosk.photos.map((photo, i) => (shotItem(photo.shot).dataset.status === 'uploaded'
    ? kiosk.uploads[i] : upload(photo)));
  uploadsFinished();
}

// --- conversion and its events ---------------------------------------------------------------

async function convert() {
  show('convert');
  const { requestId, shots } = kiosk.request;
  $('convert-note').textContent = kiosk.request.generator === 'READY'
    ? '' : 'The generator is warming up; this may take a little longer.';
  $('shot-progress').replaceChildren(...kiosk.photos.map((photo) => element('li',
    { 'data-shot': photo.shot, 'data-status': shotStatusOf(photo.shot) },
    element('img', { src: photo.url, alt: `Photo ${photo.shot}` }),
    element('span', { class: 'shot-status', text: shotLabel(photo.shot) }))));
  updateOverall(shots);
  stopEvents();
  kiosk.stopEvents = kiosk.api.events(requestId, onEvent);
  let answer;
  try {
    answer = await kiosk.api.conversion(requestId);
  } catch (error) {
    stopEvents();
    fail(error, error.type === Problems.uploadsMissing
      ? { label: 'Upload again', action: () => uploadMissing(error.problem.missingShots) }
      : { label: 'Try again', action: convert });
    return;
  }
  drainEvents();
  finish(answer);
}

function stopEvents() {
  if (kiosk.stopEvents) {
    kiosk.stopEvents();
    kiosk.stopEvents = null;
  }
}

/** The request is finished: its stream sends its last stored events and ends; closed after a grace. */
function drainEvents() {
  const stop = kiosk.stopEvents;
  kiosk.stopEvents = null;
  if (stop) {
    setTimeout(stop, EVENTS_GRACE_MS);
  }
}

const shotStates = {};

function shotStatusOf(shot) {
  return shotStates[shot]?.status || 'uploaded';
}

function shotLabel(shot) {
  const state = shotStates[shot];
  if (!state) return `Photo ${shot}: waiting`;
  return {
    queued: `Photo ${shot}: queued`,
    processing: `Photo ${shot}: converting…`,
    done: `Photo ${shot}: done`,
    failed: `Photo ${shot}: failed${state.error ? ` (${state.error})` : ''}`,
  }[state.status];
}

function setShot(shot, status, error) {
  shotStates[shot] = { status, error };
  const item = $('shot-progress').querySelector(`li[data-shot="${shot}"]`);
  if (item) {
    item.dataset.status = status;
    item.querySelector('.shot-status').textContent = shotLabel(shot);
  }
}

function onEvent(type, data, id) {
  const key = id ?? `${type}-${data.shot ?? ''}`;
  if (kiosk.seenEvents.has(key) || !EVENT_LABELS[type]) {
    return;
  }
  kiosk.seenEvents.add(key);
  $('events').append(element('li', { 'data-event': type, 'data-shot': data.shot ?? '', text: EVENT_LABELS[type](data) }));
  if (type === 'queued') {
    kiosk.photos.forEach((photo) => {
      if (!shotStates[photo.shot]) setShot(photo.shot, 'queued');
    });
  } else if (type === 'processing') {
    setShot(data.shot, 'processing');
  } else if (type === 'shot-done') {
    setShot(data.shot, data.status === 'DONE' ? 'done' : 'failed', data.error);
  }
  updateOverall(kiosk.request.shots);
}

function updateOverall(shots) {
  const weights = { queued: 0.1, processing: 0.5, done: 1, failed: 1 };
  let sum = 0;
  for (let shot = 1; shot <= shots; shot++) {
    sum += weights[shotStates[shot]?.status] || 0;
  }
  $('overall-progress').value = sum / shots;
}

function finish({ status, body }) {
  if (status === 202) {
    fail(new ApiError(202, {
      title: 'This is taking longer than usual',
      detail: 'The photo generator has not finished yet. Your photos are safe in the queue.',
    }), { label: 'Keep waiting', action: convert });
    return;
  }
  const done = body.results.filter((result) => result.status === 'DONE');
  if (body.status === 'DONE' || done.length > 0) {
    showResults(body);
    return;
  }
  const expired = body.status === 'EXPIRED';
  fail(new ApiError(200, {
    title: expired ? 'This session expired' : 'Your photos could not be converted',
    detail: expired ? 'The photos were not converted in time.' : 'Please take new photos.',
  }), { label: 'Take new photos', action: payAgain }, body.results);
}

// --- results ---------------------------------------------------------------------------------

async function showResults(answer) {
  show('results');
  $('results').replaceChildren(...answer.results.map((result) => {
    const photo = kiosk.photos[result.shot - 1];
    const pair = element('figure', { class: 'pair', 'data-shot': result.shot },
      element('img', { class: 'original', src: photo ? photo.url : '', alt: `Photo ${result.shot}, original` }));
    pair.append(result.status === 'DONE'
      ? element('img', { class: 'result', src: result.url, alt: `Photo ${result.shot}, converted` })
      : element('p', { class: 'result failed', text: result.error || 'This photo could not be converted.' }));
    return pair;
  }));
  $('share').hidden = true;
  kiosk.timer = setTimeout(restart, RESULTS_IDLE_MS);
  try {
    const link = await kiosk.api.share(answer.requestId);
    $('qr').src = link.qrCode;
    $('share-url').textContent = link.url;
    $('share').hidden = false;
  } catch (error) {
    // the results are on the screen; without a link the customer only misses the QR code
  }
}

function releasePhotos() {
  kiosk.photos.forEach((photo) => URL.revokeObjectURL(photo.url));
  kiosk.photos = [];
  kiosk.uploads = [];
  Object.keys(shotStates).forEach((shot) => delete shotStates[shot]);
}

function restart() {
  stopEvents();
  closeCamera(kiosk.camera);
  kiosk.camera = null;
  releasePhotos();
  kiosk.request = null;
  loadConcepts();
}

/** The request failed or expired: a new pre-request, so a new Idempotency-Key. */
function payAgain() {
  releasePhotos();
  payNow();
}

// --- failures --------------------------------------------------------------------------------

function fail(error, retry, shotResults = []) {
  stopEvents();
  show('error');
  const problem = error instanceof ApiError ? error.problem : { title: 'Something went wrong', detail: String(error) };
  const status = error instanceof ApiError ? error.status : 0;
  const badKey = status === 401 || error.type === Problems.unauthorized;
  $('error-title').textContent = badKey ? 'This API key was not accepted' : problem.title || 'Something went wrong';
  $('error-detail').textContent = badKey
    ? 'Enter the vendor\'s API key again, or ask the photobooth operator for a new one.'
    : problem.detail || '';
  $('error-type').textContent = problem.type ? `${status} ${problem.type}` : '';
  $('error-shots').replaceChildren(...shotResults.filter((result) => result.error).map((result) => element('li',
    { text: `Photo ${result.shot}: ${result.error}` })));
  $('change-key').hidden = !badKey;
  $('retry').hidden = badKey;
  $('retry').textContent = retry.label;
  $('retry').onclick = () => {
    $('retry').onclick = null; // one tap: a double tap must not send the call twice
    retry.action();
  };
  document.body.dataset.error = badKey ? 'unauthorized'
    : problem.type || (status === 202 ? 'still-converting' : String(status));
}

// --- start -----------------------------------------------------------------------------------

function start() {
  $('key-form').addEventListener('submit', saveKey);
  $('settings').addEventListener('click', showKey);
  $('change-key').addEventListener('click', showKey);
  $('cancel-key').addEventListener('click', restart);
  $('start-over').addEventListener('click', restart);
  $('restart').addEventListener('click', restart);
  $('pay').addEventListener('click', payNow);
  $('take-shot').addEventListener('click', takeShot);
  $('use-file').addEventListener('click', () => useCamera(false));
  $('photo-file').addEventListener('change', pickFile);
  document.querySelectorAll('[data-shots]').forEach((button) => button.addEventListener('click',
    () => selectShots(Number(button.dataset.shots))));
  $('fullscreen').addEventListener('click', () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  });
  const key = localStorage.getItem(KEY_STORAGE);
  if (!key) {
    showKey();
    return;
  }
  kiosk.api = new KioskApi(key);
  loadConcepts();
}

start();
