/**
 * Browser notifications and a short sound for new chats and messages while the console's tab is in
 * the background. The text is plain (the Notification API renders no markup).
 */
export class Notifier {
  #audio: AudioContext | null = null;

  /** Asks for permission; call from a click (browsers require a user gesture). */
  async enable(): Promise<void> {
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
      await Notification.requestPermission().catch(() => 'denied');
    }
    try {
      this.#audio ??= new AudioContext();
      await this.#audio.resume();
    } catch {
      this.#audio = null;
    }
  }

  /** Notifies when the tab is hidden; does nothing while the agent is looking. */
  notify(title: string, body: string, tag: string): void {
    if (document.visibilityState === 'visible') return;
    this.beep();
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    try {
      const n = new Notification(title, { body: body.slice(0, 200), tag });
      n.onclick = () => {
        window.focus();
        n.close();
      };
    } catch {
      // some browsers allow notifications from service workers only
    }
  }

  beep(): void {
    const ctx = this.#audio;
    if (!ctx) return;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.3);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.3);
  }
}
