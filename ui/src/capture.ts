// The quick-capture window's page: only the capture box, so the small window the
// global shortcut opens loads a fraction of the main window's code.
import { mount } from "svelte";
import "./app.css";
import Capture from "./views/Capture.svelte";
import { chooseFont } from "./lib/platform";

chooseFont();

export default mount(Capture, { target: document.getElementById("app")! });
