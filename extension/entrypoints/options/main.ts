// Options page entry: sign-in / account page (the same session as the side panel).
import { mount } from "svelte";
import "../../assets/app.css";
import Options from "../../components/Options.svelte";

mount(Options, { target: document.getElementById("app")! });
