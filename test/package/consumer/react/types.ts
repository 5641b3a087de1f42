// What a React 19 user adds once: every Wistia element in React's JSX (jsx/ is the app).
import type {} from 'wistia-stats-elements/react';
