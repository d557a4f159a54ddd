//! `caliber-app`: the desktop shell. Everything a user's data goes through is in the
//! `caliber` library; this crate owns windows, tray, shortcut and notifications.
//! Its modules stand on one another in one direction: `state` (the shared
//! database) and `bench` (start-up marks) on nothing, `background` on `state`,
//! `shell` on those, and `commands` on all of them; here they are wired together.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod background;
mod bench;
mod commands;
mod shell;
mod state;

fn main() {
    #[cfg(target_os = "linux")]
    software_rendering_without_a_gpu();
    if let Err(e) = shell::run(commands::handler()) {
        eprintln!("error: Caliber could not start: {e}");
        std::process::exit(1);
    }
}

/// WebKitGTK composites the page with OpenGL when it can. Without a GPU that GL is
/// Mesa's software rasterizer, slower than WebKit's own software path: here (a VM,
/// no GPU) the first frame with the scrolling timeline took about half a second
/// longer. So on a machine with no GPU render node, WebKit is asked not to
/// composite, unless the person set the variable themselves.
#[cfg(target_os = "linux")]
fn software_rendering_without_a_gpu() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    let gpu = std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    });
    if shell::composite_in_software(gpu, std::env::var_os(VAR).is_some()) {
        // SAFETY: the first thing main does, before any other thread exists.
        unsafe { std::env::set_var(VAR, "1") };
    }
}
