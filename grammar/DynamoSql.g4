// The dynamosql dialect: the SQL that people and BI tools write, plus DynamoDB's PartiQL literals
// (documents {'a': 1}, sets <<'x'>>, lists [1, 2]) so statements copied from AWS documentation run.
// No embedded actions: engine/sql/ast_builder.cpp walks the parse tree and builds our own AST.
grammar DynamoSql;

singleStatement : statement SEMI* EOF ;

statement
    : EXPLAIN ANALYZE? statement                                      # explainStatement
    | query                                                           # queryStatement
    | SHOW TABLES                                                     # showTablesStatement
    | (DESCRIBE | DESC) tableName                                     # describeStatement
    | SET identifier EQ? setValue                                     # setStatement
    | SHOW (ALL | identifier)                                         # showSettingStatement
    | (INSERT | UPSERT) INTO tableName columnList? insertSource       # insertStatement
    | UPDATE tableName updateAction+ (WHERE where=expression)?        # updateStatement
    | DELETE FROM tableName (WHERE where=expression)?                 # deleteStatement
    | CREATE TABLE (IF NOT EXISTS)? tableName
      LPAREN tableElement (COMMA tableElement)* RPAREN
      (WITH LPAREN tableOption (COMMA tableOption)* RPAREN)?          # createTableStatement
    | DROP TABLE (IF EXISTS)? tableName                               # dropTableStatement
    | CREATE INDEX identifier ON tableName
      LPAREN indexKey (COMMA indexKey)? RPAREN
      (WITH LPAREN tableOption (COMMA tableOption)* RPAREN)?          # createIndexStatement
    | DROP INDEX identifier ON tableName                              # dropIndexStatement
    | ALTER TABLE tableName SET LPAREN tableOption (COMMA tableOption)* RPAREN  # alterTableStatement
    | COPY tableName copyColumns? FROM path=STRING copyOptions?       # copyFromStatement
    | COPY (tableName copyColumns? | LPAREN query RPAREN) TO path=STRING copyOptions?  # copyToStatement
    | (BEGIN | START) (TRANSACTION | WORK)?                           # beginStatement
    | COMMIT (TRANSACTION | WORK)?                                    # commitStatement
    | ROLLBACK (TRANSACTION | WORK)?                                  # rollbackStatement
    ;

columnList : LPAREN identifier (COMMA identifier)* RPAREN ;

insertSource
    : VALUES valuesRow (COMMA valuesRow)*                             # valuesSource
    | VALUE expression (COMMA expression)*                            # documentSource
    | query                                                           # querySource
    ;

valuesRow : LPAREN expression (COMMA expression)* RPAREN ;

updateAction
    : SET setClause (COMMA setClause)*                                # setAction
    | REMOVE valueExpression (COMMA valueExpression)*                 # removeAction
    ;

setClause : target=valueExpression EQ expression ;

tableElement
    : (GLOBAL | LOCAL)? INDEX identifier LPAREN indexKey (COMMA indexKey)? RPAREN
      (WITH LPAREN tableOption (COMMA tableOption)* RPAREN)?          # indexDefinition
    | identifier typeName (PRIMARY KEY)?                              # columnDefinition
    | PRIMARY KEY LPAREN identifier (COMMA identifier)? RPAREN         # primaryKeyDefinition
    ;

tableOption : identifier EQ literal ;

// COPY's columns may carry the type their text is read as: COPY t (id NUMBER, tags JSON) FROM ...
copyColumns : LPAREN indexKey (COMMA indexKey)* RPAREN ;

// WITH (format = 'csv', header = true) or PostgreSQL's WITH (FORMAT csv, HEADER).
copyOptions : WITH? LPAREN copyOption (COMMA copyOption)* RPAREN ;

copyOption : identifier (EQ? (literal | identifier))? ;

indexKey : identifier typeName? ;

setValue : MINUS? literal | identifier ;  // a sign, so a negative number gets the setting's own message

// ---- queries ----
query : queryTerm (UNION ALL queryTerm)* orderByClause? limitClause? ;

queryTerm
    : querySpecification
    | LPAREN query RPAREN
    ;

querySpecification
    : SELECT setQuantifier? selectItem (COMMA selectItem)*
      (FROM fromClause)?
      (WHERE where=expression)?
      (GROUP BY expression (COMMA expression)*)?
      (HAVING having=expression)?
    ;

setQuantifier : DISTINCT | ALL ;

selectItem
    : STAR                                                            # selectAll
    | identifier DOT STAR                                             # selectAllOf
    | expression (AS? identifier)?                                    # selectExpression
    ;

fromClause : relation (joinClause)* ;

joinClause
    : joinType JOIN relation ON expression                            # qualifiedJoin
    | (COMMA | CROSS JOIN) relation                                   # crossJoin
    ;

joinType : INNER? | LEFT OUTER? ;

relation
    : tableName (AS? identifier)?                                     # tableRelation
    | LPAREN query RPAREN AS? identifier                              # subqueryRelation
    ;

tableName : identifier (DOT identifier)? ;

orderByClause : ORDER BY orderItem (COMMA orderItem)* ;

orderItem : expression ordering=(ASC | DESC)? (NULLS nullOrder=(FIRST | LAST))? ;

limitClause
    : LIMIT limit=expression (OFFSET offset=expression)?
    | OFFSET offset=expression (ROW | ROWS)? (FETCH (FIRST | NEXT) limit=expression (ROW | ROWS) ONLY)?
    | FETCH (FIRST | NEXT) limit=expression? (ROW | ROWS) ONLY
    ;

// ---- expressions ----
// Two levels, as Trino's grammar: boolean expressions combine predicates; a predicate's operands are
// value expressions, which cannot contain AND/OR/NOT, so `a BETWEEN 1 AND 2 AND b = 3` and
// `a LIKE 'x%' OR b LIKE 'y'` parse as people mean them.
expression : booleanExpression ;

booleanExpression
    : valueExpression predicate?                                      # predicated
    | NOT booleanExpression                                           # logicalNot
    | booleanExpression AND booleanExpression                         # logicalAnd
    | booleanExpression OR booleanExpression                          # logicalOr
    ;

predicate
    : op=(EQ | NEQ | LT | LTE | GT | GTE) right=valueExpression        # comparisonPredicate
    | NOT? BETWEEN lower=valueExpression AND upper=valueExpression    # betweenPredicate
    | NOT? IN LPAREN query RPAREN                                     # inSubqueryPredicate
    | NOT? IN LPAREN expression (COMMA expression)* RPAREN            # inListPredicate
    | NOT? LIKE pattern=valueExpression (ESCAPE escape=valueExpression)?  # likePredicate
    | IS NOT? kind=(NULL_ | MISSING)                                  # isPredicate
    ;

valueExpression
    : primary                                                         # primaryValue
    | valueExpression DOT identifier                                  # memberValue
    | valueExpression LBRACKET valueExpression RBRACKET               # indexValue
    | op=(MINUS | PLUS) valueExpression                               # unaryValue
    | valueExpression op=(STAR | SLASH | PERCENT) valueExpression     # multiplicativeValue
    | valueExpression op=(PLUS | MINUS) valueExpression               # additiveValue
    | valueExpression CONCAT valueExpression                          # concatValue
    ;

primary
    : literal                                                         # literalPrimary
    | QUESTION                                                        # parameterPrimary
    | functionName LPAREN STAR RPAREN                                 # countStarPrimary
    | functionName LPAREN (setQuantifier? expression (COMMA expression)*)? RPAREN  # functionPrimary
    | CASE operand=expression? whenClause+ (ELSE elseExpr=expression)? END       # casePrimary
    | CAST LPAREN expression AS typeName RPAREN                       # castPrimary
    | identifier                                                      # columnPrimary
    | LPAREN query RPAREN                                             # subqueryPrimary
    | LPAREN expression RPAREN                                        # parenthesizedPrimary
    | LBRACE (documentEntry (COMMA documentEntry)*)? RBRACE           # documentPrimary
    | LBRACKET (expression (COMMA expression)*)? RBRACKET             # listPrimary
    | SET_OPEN (expression (COMMA expression)*)? SET_CLOSE            # setPrimary
    ;

functionName : identifier | LEFT ;

whenClause : WHEN condition=expression THEN result=expression ;

documentEntry : (STRING | identifier) COLON expression ;

typeName : identifier (LPAREN INTEGER_VALUE (COMMA INTEGER_VALUE)? RPAREN)? ;

literal
    : STRING                                                          # stringLiteral
    | (INTEGER_VALUE | DECIMAL_VALUE)                                 # numberLiteral
    | (TRUE_ | FALSE_)                                                # booleanLiteral
    | NULL_                                                           # nullLiteral
    | MISSING                                                         # missingLiteral
    ;

identifier
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    | nonReserved
    ;

// Keywords that may still name tables, attributes and settings.
nonReserved
    : ANALYZE | DESC | FIRST | LAST | NULLS | NEXT | ROW | ROWS | ONLY | TABLES | MISSING | SHOW | SET
    | FETCH | OFFSET | EXPLAIN | DESCRIBE | ESCAPE | VALUE | KEY | TABLE | REMOVE | IF | EXISTS | PRIMARY
    | UPSERT | WITH | INDEX | ALTER | BEGIN | START | TRANSACTION | WORK | COMMIT | ROLLBACK
    | COPY | TO | GLOBAL | LOCAL
    ;

// ---- lexer ----
ALL : A L L ;
ALTER : A L T E R ;
ANALYZE : A N A L Y Z E ;
AND : A N D ;
AS : A S ;
ASC : A S C ;
BEGIN : B E G I N ;
BETWEEN : B E T W E E N ;
BY : B Y ;
CASE : C A S E ;
CAST : C A S T ;
COMMIT : C O M M I T ;
COPY : C O P Y ;
CROSS : C R O S S ;
CREATE : C R E A T E ;
DELETE : D E L E T E ;
DROP : D R O P ;
EXISTS : E X I S T S ;
IF : I F ;
INDEX : I N D E X ;
INSERT : I N S E R T ;
INTO : I N T O ;
KEY : K E Y ;
PRIMARY : P R I M A R Y ;
REMOVE : R E M O V E ;
TABLE : T A B L E ;
UPDATE : U P D A T E ;
UPSERT : U P S E R T ;
VALUE : V A L U E ;
VALUES : V A L U E S ;
WITH : W I T H ;
WORK : W O R K ;
DESC : D E S C ;
DESCRIBE : D E S C R I B E ;
DISTINCT : D I S T I N C T ;
ELSE : E L S E ;
END : E N D ;
ESCAPE : E S C A P E ;
EXPLAIN : E X P L A I N ;
FALSE_ : F A L S E ;
FETCH : F E T C H ;
FIRST : F I R S T ;
FROM : F R O M ;
GLOBAL : G L O B A L ;
GROUP : G R O U P ;
HAVING : H A V I N G ;
IN : I N ;
INNER : I N N E R ;
IS : I S ;
JOIN : J O I N ;
LAST : L A S T ;
LEFT : L E F T ;
LIKE : L I K E ;
LIMIT : L I M I T ;
LOCAL : L O C A L ;
MISSING : M I S S I N G ;
NEXT : N E X T ;
NOT : N O T ;
NULL_ : N U L L ;
NULLS : N U L L S ;
OFFSET : O F F S E T ;
ON : O N ;
ONLY : O N L Y ;
OR : O R ;
ORDER : O R D E R ;
OUTER : O U T E R ;
ROLLBACK : R O L L B A C K ;
ROW : R O W ;
ROWS : R O W S ;
SELECT : S E L E C T ;
SET : S E T ;
SHOW : S H O W ;
START : S T A R T ;
TABLES : T A B L E S ;
THEN : T H E N ;
TO : T O ;
TRANSACTION : T R A N S A C T I O N ;
TRUE_ : T R U E ;
UNION : U N I O N ;
WHEN : W H E N ;
WHERE : W H E R E ;

EQ : '=' | '==' ;
NEQ : '<>' | '!=' ;
LTE : '<=' ;
GTE : '>=' ;
SET_OPEN : '<<' ;
SET_CLOSE : '>>' ;
LT : '<' ;
GT : '>' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
PERCENT : '%' ;
CONCAT : '||' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;
COMMA : ',' ;
DOT : '.' ;
COLON : ':' ;
SEMI : ';' ;
QUESTION : '?' ;

STRING : '\'' ( ~'\'' | '\'\'' )* '\'' ;
INTEGER_VALUE : DIGIT+ ;
DECIMAL_VALUE
    : DIGIT+ '.' DIGIT* EXPONENT?
    | '.' DIGIT+ EXPONENT?
    | DIGIT+ EXPONENT
    ;
IDENTIFIER : (LETTER | '_') (LETTER | DIGIT | '_' | '$')* ;
QUOTED_IDENTIFIER : '"' ( ~'"' | '""' )* '"' ;

LINE_COMMENT : '--' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS : [ \t\r\n]+ -> channel(HIDDEN) ;
// Anything else is a token the parser rejects with a position, never a lexer crash.
UNRECOGNIZED : . ;

fragment EXPONENT : [eE] [+-]? DIGIT+ ;
fragment DIGIT : [0-9] ;
fragment LETTER : [a-zA-Z] | ~[\u0000-\u007F] ;

fragment A : [aA] ; fragment B : [bB] ; fragment C : [cC] ; fragment D : [dD] ; fragment E : [eE] ;
fragment F : [fF] ; fragment G : [gG] ; fragment H : [hH] ; fragment I : [iI] ; fragment J : [jJ] ;
fragment K : [kK] ; fragment L : [lL] ; fragment M : [mM] ; fragment N : [nN] ; fragment O : [oO] ;
fragment P : [pP] ; fragment Q : [qQ] ; fragment R : [rR] ; fragment S : [sS] ; fragment T : [tT] ;
fragment U : [uU] ; fragment V : [vV] ; fragment W : [wW] ; fragment X : [xX] ; fragment Y : [yY] ;
fragment Z : [zZ] ;
