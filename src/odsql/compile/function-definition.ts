// What an ODSQL function is to the compiler: where it may be used, whether it aggregates, and how it compiles.
import type { Call, Clause, Expression } from '../ast.ts';
import type { Compiled } from '../types.ts';
import type { CompileContext } from './context.ts';

/**
 * Compiles a function's argument: expression.ts's compileExpression, handed to each function as it compiles, so that
 * the function modules (functions, geo, range) do not import the expression compiler that imports them.
 */
export type ExpressionCompiler = (ctx: CompileContext, e: Expression) => Compiled;

export interface FunctionDefinition {
  clauses: Clause[];
  aggregate?: boolean;
  compile(ctx: CompileContext, call: Call, expression: ExpressionCompiler): Compiled;
}
