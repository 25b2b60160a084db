// A transport may not reach the node's engines even as a type: no name in a transport file may denote
// the store, the bus or the commit queue, nor hold one (a field, a parameter, a destructured value).
// An import rule alone sees module paths; this one asks the type checker, so an alias (`Store as S`),
// a re-export or a deps object that carries `store` is caught too.
import ts from 'typescript';

/** The engines by the declaration that defines them: a name, and the file it is declared in. */
const ENGINES = [
  { name: 'Store', file: /\/packages\/server\/src\/store\//, what: 'store' },
  { name: 'Bus', file: /\/packages\/server\/src\/bus\//, what: 'bus' },
  { name: 'CommitQueue', file: /\/packages\/server\/src\/domain\/commit-queue\.ts$/, what: 'commit queue' },
];

function engineOf(symbol) {
  if (!symbol) return undefined;
  return ENGINES.find((e) => e.name === symbol.getName() && (symbol.getDeclarations() ?? []).some((d) => e.file.test(d.getSourceFile().fileName)));
}

export const noEngineReach = {
  meta: {
    type: 'problem',
    docs: { description: 'Transports reach the store, bus and commit queue only through a domain facade, not even as a type.' },
    messages: {
      reach: '`{{name}}` is the node\'s {{what}}: a transport reaches it only through a domain facade (domain/<area>/index.ts).',
    },
    schema: [],
  },
  create(context) {
    // Set by typescript-eslint's parser with `projectService` (the config's languageOptions).
    const services = context.sourceCode.parserServices;
    const checker = services.program.getTypeChecker();

    /** The engine a name denotes (a type name, an import) or whose value it holds. */
    function engineAt(tsNode) {
      let symbol = checker.getSymbolAtLocation(tsNode);
      // An import or re-export names the original declaration through an alias.
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      const named = engineOf(symbol);
      if (named) return named;
      const type = checker.getTypeAtLocation(tsNode);
      for (const part of type.isUnion() ? type.types : [type]) {
        const held = engineOf(part.aliasSymbol) ?? engineOf(part.getSymbol());
        if (held) return held;
      }
      return undefined;
    }

    // `{ Bus }` in an import and `{ store }` in a destructuring are two identifiers on one span: one report.
    const reported = new Set();
    return {
      Identifier(node) {
        if (reported.has(node.range[0])) return;
        const engine = engineAt(services.esTreeNodeToTSNodeMap.get(node));
        if (!engine) return;
        reported.add(node.range[0]);
        context.report({ node, messageId: 'reach', data: { name: node.name, what: engine.what } });
      },
    };
  },
};

export default { rules: { 'no-engine-reach': noEngineReach } };
