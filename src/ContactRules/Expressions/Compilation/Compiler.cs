using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Checking;

namespace ContactRules.Expressions.Compilation;

/// <summary>Compiles a (checked) expression to closures, once; the result evaluates many times, from any thread.</summary>
public static class Compiler
{
    // STUB: replaced by the closure compiler.
    public static CelProgram Compile(string source, Expr expression, CelEnvironment environment, CheckResult? check) =>
        throw new NotImplementedException();
}
