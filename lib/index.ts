// tf-philox: TensorFlow's random numbers for Node.js, bit for bit.
// One CommonJS module instance (seeds are module state); `import` works
// through Node's named-export detection.
import { addon, backend as loadedBackend } from './native';
import * as philox from './philox';

export { philox };
export { Tensor, dispose } from './tensor';
export type { NestedArray } from './tensor';
export type { DType, FloatDType, IntDType, TypedArrayOf, AnyTypedArray } from './dtype';
export type { Seed } from './validate';
export { setSeed, getSeed } from './seed';
export { fn } from './function';
export { setIntraOpThreads, intraOpThreads } from './threads';
export {
  uniform, uniformAsync, normal, normalAsync, truncatedNormal, truncatedNormalAsync,
  shuffle, categorical, categoricalAsync, gamma, gammaAsync, poisson, poissonAsync,
} from './ops';
export type {
  Shape, UniformOptions, NormalOptions, ShuffleOptions, CategoricalOptions, GammaOptions, PoissonOptions,
  PoissonDType, ArrayParam,
} from './ops';

/** The SIMD kernel in use ('avx512' | 'avx2' | 'scalar' | …, 'js' on the TypeScript backend); env TF_PHILOX_KERNEL caps it. */
export const kernel: string = addon.kernelName();
/** 'native' when the addon is loaded, 'js' on the pure-TypeScript backend (no binary, or env TF_PHILOX_BACKEND=js). */
export const backend: 'native' | 'js' = loadedBackend;
/** The TensorFlow version whose values the tests pin. */
export const tfVersion = '2.21.0';
export {
  statelessUniform, statelessUniformAsync, statelessNormal, statelessNormalAsync,
  statelessTruncatedNormal, statelessTruncatedNormalAsync, statelessCategorical, statelessCategoricalAsync,
  statelessBinomial, statelessBinomialAsync, statelessGamma, statelessGammaAsync,
  statelessPoisson, statelessPoissonAsync, split, foldIn, statelessShuffle,
} from './stateless';
export type {
  SeedPair, Algorithm, StatelessUniformOptions, StatelessNormalOptions, StatelessCategoricalOptions,
  StatelessBinomialOptions, StatelessGammaOptions, StatelessPoissonOptions, AlgOptions,
} from './stateless';
export { indexShuffle } from './index_shuffle';
export type { IndexShuffleOptions } from './index_shuffle';
export { Generator, getGlobalGenerator, setGlobalGenerator } from './generator';
export type {
  GeneratorOptions, GeneratorUniformOptions, GeneratorNormalOptions, GeneratorFullIntOptions,
  GeneratorBinomialOptions, GeneratorBatchesOptions, GeneratorSeed, GeneratorState,
} from './generator';
export { shuffleDataset, ShuffleDataset, AsyncShuffleDataset } from './dataset';
export type { ShuffleDatasetOptions } from './dataset';
