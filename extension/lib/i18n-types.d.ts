// Typed translation keys and placeholders: i18next reads them from the English catalogue.
import "i18next";
import type { Catalogue } from "../../shared/i18n/catalogue";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Catalogue };
  }
}
