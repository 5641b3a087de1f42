// The one line that must not compile: `refresh` takes a number of seconds, not a string.
export const Mistake = () => <wistia-play-count media-id="abc123" refresh="30" />;
