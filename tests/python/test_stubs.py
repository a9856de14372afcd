"""The .pyi stub describes what the module has: every public name, class,
method and attribute, so that editors complete what exists."""

import ast
import pathlib

import pith

STUB = pathlib.Path(pith.__file__).with_name("_pith.pyi")


def stub_names():
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    names, members = set(), {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
            members[node.name] = {n.name for n in node.body
                                  if isinstance(n, ast.FunctionDef)}
        elif isinstance(node, ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            names.add(node.target.id)
    return names, members


def test_stub_matches_the_module():
    names, members = stub_names()
    assert set(pith.__all__) <= names
    for cls, stubbed in members.items():
        runtime = {n for n in dir(getattr(pith, cls)) if not n.startswith("_")}
        assert runtime == {n for n in stubbed if not n.startswith("_")}, cls
