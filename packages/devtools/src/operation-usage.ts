import {
  TypeInfo,
  getNamedType,
  isEnumType,
  isInputObjectType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/**
 * What an operation touches in a schema, as schema coordinates: the types it names or receives (`Type`), the
 * fields it selects (`Type.field`), the arguments it passes (`Type.field.argument`), the input fields and enum
 * values it writes (`Input.field`, `Enum.VALUE`), the directives it uses (`@name`). A variable's input type
 * counts with all of its fields, since the client may send any of them. Also the coordinate of each node, so a
 * validation error on the node can name the field it is about.
 */
export interface OperationUsage {
  coordinates: Set<string>;
  coordinateOf: Map<ASTNode, string>;
}

/** An input type with everything inside it a variable of that type may carry. */
function addInputType(type: GraphQLNamedType, into: Set<string>): void {
  if (into.has(type.name)) return;
  into.add(type.name);
  if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      into.add(`${type.name}.${field.name}`);
      addInputType(getNamedType(field.type), into);
    }
  } else if (isEnumType(type)) {
    for (const value of type.getValues()) into.add(`${type.name}.${value.name}`);
  }
}

export function operationUsage(schema: GraphQLSchema, document: DocumentNode): OperationUsage {
  const coordinates = new Set<string>();
  const coordinateOf = new Map<ASTNode, string>();
  const typeInfo = new TypeInfo(schema);
  const mark = (node: ASTNode, coordinate: string) => {
    coordinates.add(coordinate);
    coordinateOf.set(node, coordinate);
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent) return;
        coordinates.add(parent.name);
        mark(node, `${parent.name}.${node.name.value}`);
        const type = typeInfo.getType();
        if (type) coordinates.add(getNamedType(type).name);
      },
      Argument(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        const directive = typeInfo.getDirective();
        if (directive) mark(node, `@${directive.name}.${node.name.value}`);
        else if (parent && field) mark(node, `${parent.name}.${field.name}.${node.name.value}`);
      },
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        if (parent) mark(node, `${getNamedType(parent).name}.${node.name.value}`);
      },
      EnumValue(node) {
        const type = typeInfo.getInputType();
        if (type) mark(node, `${getNamedType(type).name}.${node.value}`);
      },
      Directive(node) {
        mark(node, `@${node.name.value}`);
      },
      VariableDefinition(node) {
        const type = typeFromAST(schema, node.type);
        if (type) addInputType(getNamedType(type), coordinates);
        coordinateOf.set(node, type ? getNamedType(type).name : node.variable.name.value);
      },
      NamedType(node) {
        mark(node, node.name.value);
      },
    }),
  );
  return { coordinates, coordinateOf };
}
