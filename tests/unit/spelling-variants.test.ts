import { inflections } from '../../server/text/inflect';
import { spellingVariants } from '../../server/text/spelling-variants';

describe('British and American spellings in patterns', () => {
  test('a word written either way matches both spellings, in every form', () => {
    expect(inflections('commercialization')).toEqual(expect.arrayContaining(['commercialisation', 'commercialisations']));
    expect(inflections('organise')).toEqual(expect.arrayContaining(['organize', 'organized', 'organizing', 'organises']));
    expect(inflections('analyse')).toEqual(expect.arrayContaining(['analyze', 'analyzed']));
    expect(inflections('labour')).toEqual(expect.arrayContaining(['labor', 'labors', 'labored']));
    expect(inflections('favorite')).toEqual(expect.arrayContaining(['favourite']));
    expect(inflections('model')).toEqual(expect.arrayContaining(['modeled', 'modelled', 'modelling']));
    expect(inflections('centre')).toEqual(expect.arrayContaining(['center', 'centres', 'centers']));
    expect(inflections('defense')).toEqual(expect.arrayContaining(['defence']));
  });

  test('no variant is another English word', () => {
    for (const [word, other] of [['filled', 'filed'], ['filling', 'filing'], ['four', 'for'], ['hour', 'hor'], ['size', 'sise'], ['prize', 'prise'], ['polled', 'poled']]) {
      expect(spellingVariants(word)).not.toContain(other);
    }
    expect(spellingVariants('citizen')).toEqual([]);
    expect(spellingVariants('colony')).toEqual([]);
  });
});
