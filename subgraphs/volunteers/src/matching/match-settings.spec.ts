import { ConfigError, loadEnv } from '@practice/common';
import { volunteersEnv } from '../settings';
import { DEFAULT_MATCH_WEIGHTS, parseMatchWeights } from './match-settings';

describe('MATCH_WEIGHTS', () => {
  it('reads every part, and weighs the parts left out 0', () => {
    expect(parseMatchWeights('skill=0.3,distance=0.2,availability=0.15,workload=0.15,reliability=0.15,star=0.05')).toEqual(DEFAULT_MATCH_WEIGHTS);
    expect(parseMatchWeights(' distance = 0.75 , workload=0.25 ')).toEqual({
      skill: 0,
      distance: 0.75,
      availability: 0,
      workload: 0.25,
      reliability: 0,
      star: 0,
    });
    expect(parseMatchWeights('workload=1')).toMatchObject({ workload: 1, skill: 0 });
  });

  it.each([
    ['skill=0.5,distance=0.4', /add up to 1, not 0.9/],
    ['skill=0.5,speed=0.5', /"speed" is not a part of the score/],
    ['skill=0.5,skill=0.5', /given twice/],
    ['skill=1.5', /from 0 to 1/],
    ['skill=-0.5,distance=1.5', /not name=weight/],
    ['skill:1', /not name=weight/],
    ['skill=1,', /not name=weight/],
  ])('refuses %s', (raw, message) => {
    expect(() => parseMatchWeights(raw)).toThrow(message);
  });

  it('stops the configuration, naming the variable', () => {
    const load = (variables: NodeJS.ProcessEnv) => () => loadEnv(volunteersEnv.spec, { NODE_ENV: 'test', ...variables }, volunteersEnv.checks);
    expect(load({ MATCH_WEIGHTS: 'skill=0.9' })).toThrow(ConfigError);
    expect(load({ MATCH_WEIGHTS: 'skill=0.9' })).toThrow(/MATCH_WEIGHTS="skill=0.9" is invalid/);
    expect(load({ MATCH_RADIUS_KM: 'far' })).toThrow(/MATCH_RADIUS_KM="far" is invalid/);
    expect(load({ MATCH_RADIUS_KM: '0' })).toThrow(/MATCH_RADIUS_KM/);
    expect(load({ MATCH_RADIUS_KM: '2.5' })()).toMatchObject({ MATCH_RADIUS_KM: 2.5, MATCH_WEIGHTS: DEFAULT_MATCH_WEIGHTS });
  });
});
