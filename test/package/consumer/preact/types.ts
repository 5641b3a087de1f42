// What a Preact user adds once: every Wistia element in Preact's JSX (jsx/ is the app).
import type {} from 'wistia-stats-elements/preact';
