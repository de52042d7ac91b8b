// Types of pack-packages.mjs, for the TypeScript tests that import it.
export declare const ROOT: string;
export declare const PACKAGES: readonly { name: string; dir: string }[];
export declare function requireBuilt(): void;
/** A packed package: its tarball and the paths inside it (without the `package/` prefix). */
export interface PackedPackage {
  name: string;
  version: string;
  tarball: string;
  files: string[];
}
export declare function packPackages(dest: string): PackedPackage[];
