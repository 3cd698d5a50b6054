// Side panel entry: mounts the Svelte app.
import { mount } from "svelte";
import "../../assets/app.css";
import App from "../../components/App.svelte";
import { startI18n } from "../../lib/i18n.svelte";

void startI18n().finally(() => mount(App, { target: document.getElementById("app")! }));
