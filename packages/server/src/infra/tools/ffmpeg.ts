import { runTool as run, toolRuns } from './run-tool.js';

let available: Promise<boolean> | undefined;

/** Whether `ffmpeg` and `ffprobe` run on this machine (checked once). */
export function ffmpegAvailable(): Promise<boolean> {
  available ??= Promise.all([toolRuns('ffmpeg', ['-version']), toolRuns('ffprobe', ['-version'])]).then(([a, b]) => a && b);
  return available;
}

/** Width and height of the first video stream and the container's duration, via ffprobe. */
export async function probeVideo(path: string, timeoutMs: number): Promise<{ width: number; height: number; duration: number | null } | null> {
  const out = await run(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height:format=duration', '-of', 'json', path],
    timeoutMs,
  );
  if (out.code !== 0) return null;
  try {
    const parsed = JSON.parse(out.stdout.toString('utf8')) as { streams?: { width?: number; height?: number }[]; format?: { duration?: string } };
    const s = parsed.streams?.[0];
    if (!s?.width || !s.height) return null;
    const d = Number(parsed.format?.duration);
    return { width: s.width, height: s.height, duration: Number.isFinite(d) && d >= 0 ? Math.round(d * 1000) / 1000 : null };
  } catch {
    return null;
  }
}

/** One frame near the start of a video, as JPEG bytes scaled to fit `box` pixels. */
export async function videoFrame(path: string, box: number, timeoutMs: number): Promise<Buffer | null> {
  const scale = `scale='min(${box},iw)':'min(${box},ih)':force_original_aspect_ratio=decrease`;
  const out = await run(
    'ffmpeg',
    ['-v', 'error', '-nostdin', '-i', path, '-frames:v', '1', '-vf', scale, '-f', 'image2pipe', '-c:v', 'mjpeg', 'pipe:1'],
    timeoutMs,
  );
  return out.code === 0 && out.stdout.length > 0 ? out.stdout : null;
}
