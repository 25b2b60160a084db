export { runTool, toolRuns, type RunResult } from './run-tool.js';
export { ffmpegAvailable, probeVideo, videoFrame } from './ffmpeg.js';
export { pdftoppmAvailable, pdfFirstPage } from './pdftoppm.js';
