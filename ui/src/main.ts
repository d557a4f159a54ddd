import { mark } from "./lib/marks";
mark("script");
import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { chooseFont } from "./lib/platform";
import { askStart } from "./lib/start";

chooseFont();
// Rust answers while the App mounts.
askStart();

// The main window. The quick-capture window has a page of its own (capture.html).
export default mount(App, { target: document.getElementById("app")! });
