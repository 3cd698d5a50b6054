// Side panel entry: mounts the Svelte app.
import { mount } from "svelte";
import "../../assets/app.css";
import App from "../../components/App.svelte";

mount(App, { target: document.getElementById("app")! });
