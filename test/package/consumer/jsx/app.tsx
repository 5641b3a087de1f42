// A JSX app as an npm user writes it, the same in React 19, Preact and Solid (each adds its
// framework's types once: react/, preact/, solid/): the elements' props and events are typed.
import type { StatsErrorDetail } from 'wistia-stats-elements';
import 'wistia-stats-elements';

export function LaunchStats({ onProblem }: { onProblem: (problem: StatsErrorDetail) => void }) {
  return (
    <wistia-stats endpoint="https://stats.example.com" refresh={30} locale="de">
      <wistia-play-count media-id="abc123" format="compact" count-up onwistia-error={(event) => onProblem(event.detail)}>
        plays
      </wistia-play-count>
      <wistia-stat
        project-id="p4k9x2m1ab"
        metric="number_of_videos"
        onwistia-stats-update={(event) => console.log(event.detail.resource)}
      />
      <wistia-engagement media-id="abc123" height={60} bars={12} bar-image="/purple-cat.svg" />
      <wistia-milestone
        media-id="abc123"
        threshold="1000"
        claim
        onwistia-milestone-claim={(event) => {
          console.log(event.detail.won, event.detail.receipt);
          // @ts-expect-error: the detail is typed, so a field it lacks does not compile (were it `any`, it would).
          console.log(event.detail.prize);
        }}
      >
        <p slot="won">The puppy is yours.</p>
      </wistia-milestone>
    </wistia-stats>
  );
}
