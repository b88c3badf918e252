// The page's script (served as a file: the Content-Security-Policy allows no inline script). xterm.js and its
// fit add-on are loaded before it as globals. Everything the page does goes over one WebSocket to the session.
(() => {
  const terminal = new window.Terminal({ convertEol: false, cursorBlink: true, scrollback: 5000 });
  const fit = new window.FitAddon.FitAddon();
  terminal.loadAddon(fit);
  terminal.open(document.getElementById('terminal'));
  const banner = document.getElementById('banner');
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/-/ws`);
  let ended = false;
  // The first state shows where the player is (after --from or --resume): the page opens there.
  let placed = false;

  const send = (message) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };
  const sendSize = () => {
    fit.fit();
    send({ type: 'resize', cols: terminal.cols, rows: terminal.rows });
  };

  socket.addEventListener('open', () => {
    sendSize();
    terminal.focus();
  });
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'output') terminal.write(message.data);
    else if (message.type === 'state') showState(message.state, message.labels);
  });
  socket.addEventListener('close', () => {
    document.body.classList.add('closed');
    banner.textContent = ended ? banner.textContent : 'stepdown serve has stopped: this page is no longer connected.';
  });
  terminal.onData((data) => send({ type: 'input', data }));
  new ResizeObserver(() => sendSize()).observe(document.getElementById('terminal'));

  // Run, "run up to here" and the contents all name a top-level step by its index.
  document.body.addEventListener('click', (event) => {
    const target = event.target.closest('button.run, button.upto, #contents a');
    if (!target || ended) return;
    const index = Number(target.dataset.index);
    const type = target.matches('button.run') ? 'run' : target.matches('button.upto') ? 'upto' : 'jump';
    send({ type, index });
    terminal.focus();
  });

  function showState(state, labels) {
    for (const slot of document.querySelectorAll('.status')) {
      const status = state.statuses[slot.dataset.index];
      slot.textContent = labels[slot.dataset.index] ?? '';
      slot.className = `status ${status ? status.result : ''}`;
    }
    for (const element of document.querySelectorAll('.current')) element.classList.remove('current');
    const current = document.getElementById(`step-${state.current}`);
    current?.classList.add('current');
    if (!placed) current?.scrollIntoView({ block: 'nearest' });
    placed = true;
    document.body.classList.toggle('running', state.running);
    if (state.ended) {
      ended = true;
      const how =
        state.ended.message ?? (state.ended.status === 0 ? 'every command passed' : `status ${state.ended.status}`);
      banner.textContent = `The workshop has ended (${how}).`;
    } else {
      banner.textContent = state.running
        ? 'A command is running: keys go to it, Ctrl-C interrupts it.'
        : state.held
          ? 'Your click waits for the program running in your shell: end it (or press Ctrl-C) and the workshop goes on.'
          : state.statuses[state.current]?.result === 'failed'
            ? 'That command failed: press its Run to try again, or Run the next one to go on. Your shell is here meanwhile.'
            : 'Your shell: type here, or press Run.';
    }
  }
})();
