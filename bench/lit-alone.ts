/** Figure 1's baseline: Lit and nothing else, built as the drop-in is (bench/figures/1-size.ts). */
export * from 'lit';
