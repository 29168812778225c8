/**
 * Notes Ctrl-C (SIGINT) instead of dying on it, from the moment a command may leave something behind (a submitted
 * job) until it stops, so a press at any point is answered with what happened and what to do next.
 */
export function watchInterrupt() {
  let pressed = false;
  const onSigint = () => {
    pressed = true;
  };
  process.on('SIGINT', onSigint);
  return {
    get pressed() {
      return pressed;
    },
    stop() {
      process.removeListener('SIGINT', onSigint);
    },
  };
}

export type Interrupt = ReturnType<typeof watchInterrupt>;
