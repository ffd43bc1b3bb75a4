export declare function pgConnectionConfig(url: string | undefined): Record<string, unknown>;
export declare function relabelCatalogueTypes<T>(factory: T): T;
