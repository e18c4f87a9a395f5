export { dotToSvg, loadGraphviz } from './graphviz-instance.js';
export { type ToSvgOptions, toSvg } from './to-svg.js';
