// The photobooth's public kiosk API (docs/api.md), as any vendor's kiosk calls it: every call
// carries the vendor's X-Api-Key; uploads go straight to S3 through presigned URLs.

/** A refusal of the API: the RFC 9457 problem document (`type`, `title`, `detail`, ...) and its status. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.type = problem.type || '';
  }
}

/** The problem `type` URIs the page branches on. */
export const Problems = Object.freeze({
  unauthorized: 'urn:photobooth:problem:unauthorized',
  uploadsMissing: 'urn:photobooth:problem:uploads-missing',
});

export class KioskApi {
  constructor(apiKey, base = '/api/v1') {
    this.apiKey = apiKey;
    this.base = base;
  }

  headers(extra = {}) {
    return { 'X-Api-Key': this.apiKey, Accept: 'application/json', ...extra };
  }

  async call(method, path, body, extraHeaders = {}) {
    let response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers: this.headers({ ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...extraHeaders }),
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, { title: 'No connection', detail: 'The photobooth service cannot be reached.' });
    }
    const text = await response.text();
    let json = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch (e) {
      json = { title: `HTTP ${response.status}`, detail: text.slice(0, 200) };
    }
    if (!response.ok) {
      throw new ApiError(response.status, json);
    }
    return { status: response.status, body: json };
  }

  /** The vendor's concepts with their generator state and sample images. */
  async concepts() {
    return (await this.call('GET', '/concepts')).body.concepts;
  }

  /**
   * The customer paid: records the request, wakes the generator, presigns one upload per shot. The
   * same `idempotencyKey` (one per payment) makes a repeated call answer the request it recorded
   * before instead of recording a second paid one.
   */
  async preRequest(concept, shots, idempotencyKey) {
    return (await this.call('POST', '/requests', { concept, shots }, { 'Idempotency-Key': idempotencyKey })).body;
  }

  async uploadUrls(requestId) {
    return (await this.call('POST', `/requests/${requestId}/upload-urls`)).body.uploads;
  }

  /** Main request: `{status: 200|202, body: RequestAnswer}`; 202 means the conversion timeout passed. */
  async conversion(requestId) {
    return this.call('POST', `/requests/${requestId}/conversion`);
  }

  /** The customer's download link and its QR code. */
  async share(requestId) {
    return (await this.call('GET', `/requests/${requestId}/share`)).body;
  }

  /**
   * Reads the request's Server-Sent Events. EventSource cannot send the X-Api-Key header, so the
   * stream is read with fetch; when it ends before the request finished (the proxy's stream timeout,
   * a dropped connection) or is refused for a while (`429`, `5xx`) it is opened again after the last
   * event id; only `401` and `404` end it for good. `onEvent(type, data, id)` gets each event.
   * Returns a function that closes the stream.
   */
  events(requestId, onEvent) {
    const controller = new AbortController();
    let lastEventId = null;
    let finished = false;
    const read = async () => {
      while (!finished && !controller.signal.aborted) {
        let retryAfter = 1;
        try {
          const headers = this.headers({ Accept: 'text/event-stream' });
          if (lastEventId !== null) {
            headers['Last-Event-ID'] = lastEventId;
          }
          const response = await fetch(`${this.base}/requests/${requestId}/events`,
            { headers, signal: controller.signal });
          if (!response.ok) {
            response.body?.cancel();
            if (response.status === 401 || response.status === 404) {
              return;
            }
            retryAfter = Math.max(1, Number(response.headers.get('Retry-After')) || 1);
            throw new Error(`the event stream answered ${response.status}`);
          }
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) {
              break;
            }
            buffer += value;
            let end;
            while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
              const frame = parseFrame(buffer.slice(0, end));
              buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
              if (frame) {
                lastEventId = frame.id ?? lastEventId;
                finished = finished || ['done', 'failed', 'expired'].includes(frame.event);
                onEvent(frame.event, frame.data, frame.id);
              }
            }
          }
        } catch (e) {
          if (controller.signal.aborted) {
            return;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      }
    };
    read();
    return () => controller.abort();
  }
}

/**
 * A fresh Idempotency-Key for one payment: 32 random hex digits. `crypto.getRandomValues`, because
 * `crypto.randomUUID` exists only in secure contexts and a kiosk may load the page over plain http.
 */
export function newIdempotencyKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One SSE frame (`id:`, `event:`, `data:` lines; `:` comments ignored), or null for a comment only. */
function parseFrame(text) {
  const frame = { id: null, event: 'message', data: '' };
  let any = false;
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) {
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') frame.id = value;
    if (field === 'event') frame.event = value;
    if (field === 'data') frame.data += (frame.data ? '\n' : '') + value;
    any = true;
  }
  if (!any) {
    return null;
  }
  try {
    frame.data = frame.data ? JSON.parse(frame.data) : {};
  } catch (e) {
    frame.data = {};
  }
  return frame;
}

/** How long one photo's upload may take before it counts as failed (a stalled connection). */
const UPLOAD_TIMEOUT_MS = 120000;

/**
 * PUTs a photo to its presigned URL straight to S3 with the headers the pre-request gave, calling
 * `onProgress(0..1)` as it goes. Resolves with S3's status code, or 0 when the upload failed, timed
 * out or was aborted; XMLHttpRequest because fetch reports no upload progress.
 */
export function putPhoto(upload, blob, onProgress) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(upload.method || 'PUT', upload.url);
    xhr.timeout = UPLOAD_TIMEOUT_MS;
    for (const [name, value] of Object.entries(upload.headers || {})) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        onProgress(e.loaded / e.total);
      }
    };
    xhr.onload = () => resolve(xhr.status);
    xhr.onerror = () => resolve(0);
    xhr.ontimeout = () => resolve(0);
    xhr.onabort = () => resolve(0);
    xhr.send(blob);
  });
}
