//! What the binary does when it is stopped from outside (Ctrl-C, `kill`, a closed terminal):
//! delete the temporary files of the outputs being written, so that neither a half-written
//! file nor a hidden one is left, and then end the way that signal ends a process.

/// The name of the thread that waits for the signals (it does no other work).
#[cfg(unix)]
const WAITER: &str = "signal-waiter";

/// Installs the handler. On Unix it runs on a thread of its own for SIGINT, SIGTERM and
/// SIGHUP, and after the clean-up lets the signal's default action end the process: the
/// parent sees a death by that signal (a shell's `$?` is 130, 143 or 129), as a script that
/// runs the tool under `timeout` or a job scheduler expects.
#[cfg(unix)]
pub fn install() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    // Named, so that `top -H` (and a test) can tell it from the threads that work.
    let _ = std::thread::Builder::new()
        .name(WAITER.to_string())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                mentionmap::output::remove_temporaries();
                // Resets the signal to its default action and raises it again. Should that
                // fail, the exit status a shell would have shown.
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
}

/// Installs the handler. Elsewhere (Windows) the process is not told which event stopped it
/// and exits with status 130, as after Ctrl-C.
#[cfg(not(unix))]
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        mentionmap::output::remove_temporaries();
        std::process::exit(130);
    });
}
