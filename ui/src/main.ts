import { mark } from "./lib/marks";
mark("script");
import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import Capture from "./views/Capture.svelte";

// The same bundle serves the main window and the small quick-capture window.
const target = document.getElementById("app")!;
const app = location.hash === "#capture" ? mount(Capture, { target }) : mount(App, { target });

export default app;
