"""Logging in, and the first start of an empty database."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.domain.errors import DomainError
from coop_desktop.domain.models import Role
from coop_desktop.services.demo import load_demo
from coop_desktop.services.permissions import SYSTEM, Actor
from coop_desktop.services.setup import create_cooperative
from coop_desktop.services.users import MIN_PASSWORD_LENGTH, add_user, authenticate
from coop_desktop.storage.database import Database


class LoginDialog(QDialog):
    """Asks for a user name and password; ``actor`` is set when they are right."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Log in to Coop Desktop"))
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def try_login(self) -> None:
        try:
            self.actor = authenticate(self.database, self.username.text().strip(),
                                      self.password.text())
        except DomainError as error:
            self.error.setText(str(error))
            self.password.selectAll()
            self.password.setFocus()
            return
        self.accept()


class FirstStartDialog(QDialog):
    """An empty database: explore the demo cooperative, or set up one's own with an admin."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(self.tr("Welcome to Coop Desktop"))
        self.demo = QRadioButton(self.tr("Explore a demo cooperative (demo users: see README)"),
                                 self)
        self.demo.setObjectName("demo")
        self.own = QRadioButton(self.tr("Set up my cooperative"), self)
        self.own.setObjectName("own")
        self.demo.setChecked(True)
        self.cooperative = QLineEdit(self)
        self.cooperative.setObjectName("cooperative")
        self.username = QLineEdit("admin", self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Cooperative name"), self.cooperative)
        form.addRow(self.tr("Administrator"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.repeat)
        self.own_fields = QWidget(self)
        self.own_fields.setLayout(form)
        self.own_fields.setEnabled(False)
        self.own.toggled.connect(self.own_fields.setEnabled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.finish)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("This database is empty."), self))
        layout.addWidget(self.demo)
        layout.addWidget(self.own)
        layout.addWidget(self.own_fields)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def finish(self) -> None:
        try:
            if self.demo.isChecked():
                load_demo(self.database)
            else:
                if self.password.text() != self.repeat.text():
                    self.error.setText(self.tr("The two passwords differ."))
                    return
                if not self.cooperative.text().strip():
                    self.error.setText(self.tr("Enter the cooperative's name."))
                    return
                if len(self.password.text()) < MIN_PASSWORD_LENGTH:
                    self.error.setText(self.tr("The password needs at least %n characters.",
                                               "", MIN_PASSWORD_LENGTH))
                    return
                add_user(self.database, SYSTEM, username=self.username.text().strip(),
                         role=Role.ADMIN, password=self.password.text())
                create_cooperative(self.database, SYSTEM, name=self.cooperative.text().strip())
        except DomainError as error:
            self.error.setText(str(error))
            return
        self.accept()
