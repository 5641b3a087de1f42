// What a Solid user adds once: every Wistia element in Solid's JSX (jsx/ is the app).
import type {} from 'wistia-stats-elements/solid';
