// A panic traps (release: `panic = "immediate-abort"`, scripts/trunk.sh); assets/crash.js tells the reader.
fn main() {
    leptos::mount::mount_to_body(incident_map::App);
}
