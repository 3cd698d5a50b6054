// The development storefront (GET /demo/store): a small product page that embeds the chat widget with one script tag.
import { esc } from "./followup-email";

/** `lang`: the widget's `data-lang` (the storefront forcing a language), when given. */
export function demoStorePage(workspace: { id: string; name: string }, lang: string | null = null): string {
  const shop = esc(workspace.name);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trailblazer 45L Backpack – ${shop}</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 Georgia, "Times New Roman", serif; color: #2b2118; background: #fbf8f3; }
  header { display: flex; justify-content: space-between; align-items: center; padding: 16px 32px; border-bottom: 1px solid #e7dfd3; background: #fff; }
  header strong { font-size: 22px; letter-spacing: .5px; }
  nav a { margin-left: 20px; color: inherit; text-decoration: none; }
  main { max-width: 1040px; margin: 40px auto; padding: 0 24px; display: grid; grid-template-columns: 1fr 1fr; gap: 48px; }
  .photo { aspect-ratio: 1; border-radius: 12px; background: linear-gradient(160deg, #d9cbb3, #8a6f4e); display: grid; place-items: center; }
  h1 { font-size: 34px; margin: 0 0 8px; }
  .price { font-size: 24px; margin: 0 0 16px; }
  button.buy { font: inherit; font-size: 17px; padding: 14px 28px; border: 0; border-radius: 8px; background: #2b2118; color: #fff; cursor: pointer; }
  ul { padding-left: 20px; }
  footer { text-align: center; padding: 32px; color: #7a6a58; font-size: 14px; }
  @media (max-width: 720px) { main { grid-template-columns: 1fr; gap: 24px; } header { padding: 12px 16px; } nav { display: none; } }
</style>
</head>
<body>
<header><strong>${shop}</strong><nav><a href="#">Packs</a><a href="#">Jackets</a><a href="#">Boots</a><a href="#">Cart (0)</a></nav></header>
<main>
  <div class="photo" role="img" aria-label="A brown 45 litre hiking backpack">
    <svg width="55%" viewBox="0 0 120 150" aria-hidden="true"><rect x="20" y="25" width="80" height="115" rx="18" fill="#5b4632"/><rect x="32" y="70" width="56" height="50" rx="10" fill="#7a5f43"/><path d="M40 25 Q60 0 80 25" stroke="#3d2e20" stroke-width="8" fill="none"/><rect x="30" y="40" width="60" height="8" rx="4" fill="#c9a86b"/></svg>
  </div>
  <section>
    <h1>Trailblazer 45L Backpack</h1>
    <p class="price">$189.00</p>
    <p>A weekend pack that carries like a daypack: adjustable torso, ventilated back panel, rain cover in the lid, and a side zip so you never unpack to reach the bottom.</p>
    <ul><li>45 litres, 1.4 kg</li><li>Recycled 420D ripstop</li><li>Lifetime warranty</li></ul>
    <p><button class="buy" type="button" onclick="this.textContent='Added to cart ✓'">Add to cart</button></p>
    <p>Questions about sizing or shipping? Use the chat in the corner.</p>
  </section>
</main>
<footer>${shop} · Demo storefront served by Sidedesk in development</footer>
<script src="/widget.js" data-workspace="${esc(workspace.id)}"${lang ? ` data-lang="${esc(lang)}"` : ""} async></script>
</body>
</html>`;
}
