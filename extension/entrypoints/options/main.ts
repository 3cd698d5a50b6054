// Options page entry: sign-in / account page (the same session as the side panel).
import { mount } from "svelte";
import "../../assets/app.css";
import Options from "../../components/Options.svelte";
import { startI18n } from "../../lib/i18n.svelte";

void startI18n().finally(() => mount(Options, { target: document.getElementById("app")! }));
