/** Whether live updates are flowing, and a counter that bumps on every reconnect. */
class Connection {
  /** 'idle' until a subscription opens the socket. */
  status = $state<'idle' | 'connected' | 'reconnecting'>('idle');
  /** Increments on each reconnect; queries read it to refetch what they may have missed. */
  reconnects = $state(0);

  connected(wasRetry: boolean) {
    this.status = 'connected';
    if (wasRetry) this.reconnects += 1;
  }

  closed() {
    if (this.status !== 'idle') this.status = 'reconnecting';
  }
}

export const connection = new Connection();
