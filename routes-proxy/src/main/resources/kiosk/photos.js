// Photos for the kiosk: from the camera (getUserMedia) or from a file, always sent as a JPEG of at
// most MAX_SIDE pixels on its long side (upright: browsers apply the EXIF orientation when decoding).

const MAX_SIDE = 2048;
const JPEG_QUALITY = 0.92;

/** Opens the camera into the video element; resolves with its stream, or null when there is none. */
export async function openCamera(video) {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return null;
  }
  try {
    const devices = await navigator.mediaDevices.enumerateDevices();
    if (!devices.some((device) => device.kind === 'videoinput')) {
      return null;
    }
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: 'user', width: { ideal: 1920 }, height: { ideal: 1080 } },
      audio: false,
    });
    video.srcObject = stream;
    await video.play();
    return stream;
  } catch (e) {
    return null;
  }
}

export function closeCamera(stream) {
  if (stream) {
    stream.getTracks().forEach((track) => track.stop());
  }
}

/** The current camera frame as a JPEG blob, as the camera sees it (only the preview is mirrored). */
export function captureFrame(video) {
  return toJpeg(video, video.videoWidth, video.videoHeight);
}

/** A picked image file (JPEG, PNG, ...) as a JPEG blob. */
export async function fileToJpeg(file) {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    return await toJpeg(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

function toJpeg(source, width, height) {
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  canvas.getContext('2d').drawImage(source, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob(
    (blob) => (blob ? resolve(blob) : reject(new Error('the photo could not be encoded'))), 'image/jpeg', JPEG_QUALITY));
}
