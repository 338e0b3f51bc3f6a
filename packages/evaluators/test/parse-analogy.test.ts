import {expect} from 'chai';
import {expectThrows} from '@embedlab/testing';
import {parseGoogleAnalogy, parseMsrAnalogy} from '../src/parse-analogy.js';

describe('analogy readers', () => {
  it('reads Google sections and questions, CRLF, blank lines, mixed case, repeats counted', () => {
    const text =
      ': capital-common-countries\r\nAthens Greece Baghdad Iraq\r\n\r\n: gram1-adjective-to-adverb\namazing amazingly apparent apparently\nAthens Greece Baghdad Iraq';
    const ds = parseGoogleAnalogy(text, 'q.txt');
    expect(ds.sections).to.deep.equal([
      {name: 'capital-common-countries', kind: 'semantic'},
      {name: 'gram1-adjective-to-adverb', kind: 'syntactic'},
    ]);
    expect(ds.questions[0]).to.deep.equal({a: 'Athens', b: 'Greece', c: 'Baghdad', answers: ['Iraq'], section: 0, line: 2});
    expect(ds.questions.map((q) => q.section)).to.deep.equal([0, 1, 1]);
    expect(ds.duplicateQuestions).to.equal(1);
  });

  it('names the file and line of a malformed question', async () => {
    await expectThrows(() => parseGoogleAnalogy(': s\na b c\n', 'q.txt'), 'q.txt:2', '4 words');
    await expectThrows(() => parseGoogleAnalogy('a b c d\n', 'q.txt'), 'q.txt:1', 'section');
  });

  it('reads MSR line-aligned question/answer files; TAGs become sections', () => {
    const ds = parseMsrAnalogy('good better rough\nyear years law\r\nwalk walked jump\n', 'JJ_JJR rougher\nNN_NNS laws\r\nVB_VBD jumped\n', {
      questions: 'q',
      answers: 'a',
    });
    expect(ds.sections.map((s) => s.name)).to.deep.equal(['JJ_JJR', 'NN_NNS', 'VB_VBD']);
    expect(ds.questions[1]).to.deep.equal({a: 'year', b: 'years', c: 'law', answers: ['laws'], section: 1, line: 2});
  });

  it('refuses MSR files that are not line-aligned or malformed', async () => {
    await expectThrows(() => parseMsrAnalogy('a b c\nd e f\n', 'T x\n', {questions: 'q.txt', answers: 'a.txt'}), 'a.txt', '2 lines', '1');
    await expectThrows(() => parseMsrAnalogy('a b\n', 'T x\n', {questions: 'q.txt', answers: 'a.txt'}), 'q.txt:1', '3 words');
    await expectThrows(() => parseMsrAnalogy('a b c\n', 'x\n', {questions: 'q.txt', answers: 'a.txt'}), 'a.txt:1', 'TAG d');
  });
});
