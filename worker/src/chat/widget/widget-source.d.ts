// The widget script is bundled as text (wrangler.toml `[[rules]] type = "Text"` for `*.widget.js`) and served by GET /widget.js.
declare module "*.widget.js" {
  const source: string;
  export default source;
}
