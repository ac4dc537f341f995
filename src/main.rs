// A panic traps (release: `-Cpanic=immediate-abort`, scripts/trunk.sh); assets/crash.js tells the reader.
fn main() {
    leptos::mount::mount_to_body(incident_map::App);
}
