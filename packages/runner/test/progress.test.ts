import {expect} from 'chai';
import {chooseProgress, lineProgress, silentProgress} from '../src/progress.js';

describe('progress', () => {
  it('plain lines: one per 10% step with rate and eta, then a done line', () => {
    let out = '';
    let now = 0;
    const p = lineProgress({write: (s: string) => (out += s)}, () => now);
    const t = p.start('train', 100, 'words');
    for (let i = 0; i < 100; i++) {
      now += 10; // 10 ms per word -> 100 words/s
      t.tick();
    }
    t.done();
    const lines = out.trim().split('\n');
    expect(lines).to.have.length(10); // 10%, ..., 90%, done
    expect(lines[0]).to.equal('train: 10% (10/100) 100.0 words/s, eta 1s');
    expect(lines[9]).to.equal('train: done 100 words in 1s');
  });
  it('chooses bars on a TTY, lines in CI or when piped, nothing when quiet', () => {
    const tty = {write: () => true, isTTY: true};
    expect(chooseProgress(tty, {quiet: true})).to.equal(silentProgress);
    expect(chooseProgress(tty, {ci: true}).start).to.be.a('function');
    let out = '';
    chooseProgress({write: (s: string) => (out += s)}, {})
      .start('x', 0)
      .done();
    expect(out).to.match(/^x: done 0 items in /);
  });
});
